using Rlvr.Runtime.Storage;
using Rlvr.Runtime.Tests.Grains;

namespace Rlvr.Runtime.Tests;

public sealed class ActivationTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static readonly string[] Keys = ["x", "y", "z"];

    private static GrainStateKey CounterKey(string key) => new(new GrainId(nameof(CounterGrain), key), "counter");

    [Fact]
    public async Task ReactivationRestoresWrittenState()
    {
        await using var silo = await SiloHarness.StartAsync();
        var counter = silo.Grains.GetGrain<ICounterGrain>("c");
        await counter.Increment();
        await counter.Increment();

        await counter.Deactivate();
        await silo.Probe.WaitForAsync(p => p.Count("deactivate c Requested") == 1, Wait);

        Assert.Equal(2, await counter.Read());
        Assert.Equal(2, silo.Probe.Count("activate c"));
    }

    [Fact]
    public async Task NothingIsSavedImplicitlyOnDeactivation()
    {
        await using var silo = await SiloHarness.StartAsync();
        var counter = silo.Grains.GetGrain<ICounterGrain>("c");
        await counter.Increment();
        await counter.IncrementWithoutSaving();
        Assert.Equal(2, await counter.Read());

        await counter.Deactivate();
        await silo.Probe.WaitForAsync(p => p.Count("deactivate c Requested") == 1, Wait);

        Assert.Equal(1, await counter.Read());
    }

    [Fact]
    public async Task IdleActivationsAreCollected()
    {
        await using var silo = await SiloHarness.StartAsync(options =>
        {
            options.CollectionAge = TimeSpan.FromMilliseconds(100);
            options.CollectionQuantum = TimeSpan.FromMilliseconds(50);
        });
        var counter = silo.Grains.GetGrain<ICounterGrain>("idle");
        await counter.Increment();

        await silo.Probe.WaitForAsync(p => p.Count("deactivate idle Idle") == 1, Wait);

        Assert.Equal(1, await counter.Read());
        Assert.Equal(2, silo.Probe.Count("activate idle"));
    }

    [Fact]
    public async Task ShutdownDeactivatesEveryActivation()
    {
        var silo = await SiloHarness.StartAsync();
        var probe = silo.Probe;
        foreach (var key in Keys)
        {
            await silo.Grains.GetGrain<ICounterGrain>(key).Increment();
        }

        await silo.DisposeAsync();

        Assert.All(Keys, key => Assert.Equal(1, probe.Count($"deactivate {key} Shutdown")));
    }

    [Fact]
    public async Task StaleWriteThrowsAndTheNextCallReloads()
    {
        await using var silo = await SiloHarness.StartAsync();
        var counter = silo.Grains.GetGrain<ICounterGrain>("c");
        await counter.Increment();
        var stored = await silo.Storage.ReadAsync(CounterKey("c"));
        await silo.Storage.WriteAsync(CounterKey("c"), """{"Value":10}""", stored!.ETag);

        await Assert.ThrowsAsync<InconsistentStateException>(counter.Increment);

        Assert.Equal(10, await counter.Read());
        Assert.Equal(11, await counter.Increment());
        Assert.Equal(1, silo.Probe.Count("deactivate c InconsistentState"));
    }

    [Fact]
    public async Task StateToleratesAddedAndRemovedFields()
    {
        await using var silo = await SiloHarness.StartAsync();
        await silo.Storage.WriteAsync(CounterKey("old"), """{"Value":5,"RemovedField":"x"}""", null);
        await silo.Storage.WriteAsync(CounterKey("new"), """{}""", null);

        Assert.Equal(5, await silo.Grains.GetGrain<ICounterGrain>("old").Read());
        Assert.Equal(0, await silo.Grains.GetGrain<ICounterGrain>("new").Read());
    }

    [Fact]
    public async Task UndeserializableStateFailsThatGrainOnly()
    {
        await using var silo = await SiloHarness.StartAsync();
        await silo.Storage.WriteAsync(CounterKey("broken"), """{"Value":"not a number"}""", null);

        var error = await Assert.ThrowsAsync<GrainActivationException>(() => silo.Grains.GetGrain<ICounterGrain>("broken").Read());

        Assert.Contains("CounterGrain/broken#counter", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(CounterState), error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await silo.Grains.GetGrain<ICounterGrain>("healthy").Increment());
        await Assert.ThrowsAsync<GrainActivationException>(() => silo.Grains.GetGrain<ICounterGrain>("broken").Read());
    }

    [Fact]
    public async Task UnresolvableConstructorParameterIsNamed()
    {
        await using var silo = await SiloHarness.StartAsync();

        var error = await Assert.ThrowsAsync<GrainActivationException>(() => silo.Grains.GetGrain<IMissingServiceGrain>("m").Ping());

        Assert.Contains("'service'", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(IUnregisteredService), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownStorageProviderIsNamed()
    {
        await using var silo = await SiloHarness.StartAsync();

        var error = await Assert.ThrowsAsync<GrainActivationException>(() => silo.Grains.GetGrain<IMissingStorageGrain>("m").Ping());

        Assert.Contains("'NoSuchStorage'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HangingActivationFailsAfterTheCallTimeoutAndTheNextCallActivatesAfresh()
    {
        await using var silo = await SiloHarness.StartAsync(options => options.CallTimeout = TimeSpan.FromMilliseconds(300));
        var grain = silo.Grains.GetGrain<IHangingActivationGrain>("h");

        var error = await Assert.ThrowsAnyAsync<Exception>(grain.Ping);
        await silo.Probe.WaitForAsync(_ => silo.Host.Services.GetCatalogCount() == 0, Wait);

        Assert.Contains("HangingActivationGrain/h", error.Message, StringComparison.Ordinal);
        Assert.Equal("pong", await grain.Ping());
        Assert.Equal(2, silo.Probe.Count("activating"));
    }
}
