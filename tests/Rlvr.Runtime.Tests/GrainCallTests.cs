using System.Diagnostics;
using Rlvr.Runtime.Tests.Grains;

namespace Rlvr.Runtime.Tests;

public sealed class GrainCallTests
{
    [Fact]
    public async Task ExceptionReachesTheCallerWithItsTypeAndMessage()
    {
        await using var silo = await SiloHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ChainFailureException>(() => silo.Grains.GetGrain<IChainGrain>("a").Fail("boom at step 3"));

        Assert.Equal("boom at step 3", error.Message);
    }

    [Fact]
    public async Task NonReentrantCycleFailsAtOnceNamingTheChain()
    {
        await using var silo = await SiloHarness.StartAsync(options => options.CallTimeout = TimeSpan.FromSeconds(20));
        var a = silo.Grains.GetGrain<IChainGrain>("a");
        var b = silo.Grains.GetGrain<IChainGrain>("b");
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<GrainCallCycleException>(() => a.Relay([b, a], 0));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Contains("ChainGrain/a.Relay -> ChainGrain/b.Relay -> ChainGrain/a.Relay", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CycleIntoAnAlwaysInterleaveMethodCompletes()
    {
        await using var silo = await SiloHarness.StartAsync(options => options.CallTimeout = TimeSpan.FromSeconds(5));
        var a = silo.Grains.GetGrain<IChainGrain>("a");

        Assert.Equal("a:back", await a.CallBackThroughEcho(silo.Grains.GetGrain<IChainGrain>("b")));
    }

    [Fact]
    public async Task CallTimeoutNamesTheGrainAndMethod()
    {
        await using var silo = await SiloHarness.StartAsync(options => options.CallTimeout = TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => silo.Grains.GetGrain<IChainGrain>("slow").Relay([], 2000));

        Assert.Contains("ChainGrain/slow.Relay", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NestedCallTimeoutNamesTheCallChain()
    {
        await using var silo = await SiloHarness.StartAsync();
        var a = silo.Grains.GetGrain<IChainGrain>("a");

        var message = await a.SleepThrough(silo.Grains.GetGrain<IChainGrain>("b"), 3000);

        Assert.Contains("ChainGrain/b.Sleep", message, StringComparison.Ordinal);
        Assert.Contains("call chain: ChainGrain/a.SleepThrough", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnregisteredInterfaceIsRefusedByName()
    {
        await using var silo = await SiloHarness.StartAsync();

        var error = Assert.Throws<ArgumentException>(() => silo.Grains.GetGrain<IUnregisteredGrain>("x"));

        Assert.Contains(nameof(IUnregisteredGrain), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReferencesPassInCallsAndSurviveInState()
    {
        await using var silo = await SiloHarness.StartAsync();
        var directory = silo.Grains.GetGrain<IDirectoryGrain>("d");
        await directory.Remember(silo.Grains.GetGrain<ICounterGrain>("remembered"));
        await directory.Deactivate();
        await silo.Probe.WaitForAsync(_ => silo.Host.Services.GetCatalogCount() == 0, TimeSpan.FromSeconds(5));

        Assert.Equal(1, await directory.IncrementRemembered());
        Assert.Equal(1, await silo.Grains.GetGrain<ICounterGrain>("remembered").Read());
    }

    [Fact]
    public async Task TheCallersExecutionContextDoesNotReachTheGrain()
    {
        await using var silo = await SiloHarness.StartAsync();
        var grain = silo.Grains.GetGrain<IAmbientGrain>("a");
        await Task.Run(grain.ReadAmbient);

        var seen = await Task.Run(() =>
        {
            AmbientGrain.Ambient.Value = "caller";
            return grain.ReadAmbient();
        });

        Assert.Null(seen);
    }

    // A turn run on the caller's own thread must leave no call chain behind: the next call would look like a cycle.
    [Fact]
    public async Task SequentialCallsFromAPoolThreadCarryNoCallChain()
    {
        await using var silo = await SiloHarness.StartAsync();
        var a = silo.Grains.GetGrain<IChainGrain>("a");

        var results = await Task.Run(async () => new[] { await a.Echo("1"), await a.Relay([], 0), await a.Relay([], 0) });

        Assert.Equal(["a:1", "a", "a"], results);
    }
}
