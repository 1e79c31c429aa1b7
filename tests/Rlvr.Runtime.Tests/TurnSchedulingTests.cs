using Rlvr.Runtime.Tests.Grains;

namespace Rlvr.Runtime.Tests;

public sealed class TurnSchedulingTests
{
    [Fact]
    public async Task CallsToOneActivationRunOneAtATime()
    {
        await using var silo = await SiloHarness.StartAsync();
        var grain = silo.Grains.GetGrain<ITurnGrain>("t");

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => grain.Work(30)));

        Assert.Equal(1, silo.Probe.MaxConcurrentTurns);
    }

    [Fact]
    public async Task ATurnIsNotInterleavedAcrossItsAwaits()
    {
        await using var silo = await SiloHarness.StartAsync();
        var grain = silo.Grains.GetGrain<ITurnGrain>("t");

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => grain.Log($"call{i}")));

        var events = silo.Probe.Events.ToArray();
        Assert.Equal(12, events.Length);
        for (var i = 0; i < events.Length; i += 2)
        {
            Assert.Equal(events[i].Replace(" start", " end", StringComparison.Ordinal), events[i + 1]);
        }
    }

    [Fact]
    public async Task ReadOnlyCallsOverlapEachOther()
    {
        await using var silo = await SiloHarness.StartAsync();
        var grain = silo.Grains.GetGrain<ITurnGrain>("t");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => grain.Read(150)));

        Assert.True(silo.Probe.MaxConcurrentTurns >= 2, $"max concurrent read-only turns: {silo.Probe.MaxConcurrentTurns}");
    }

    [Fact]
    public async Task ReadOnlyCallsDoNotOverlapAnExclusiveCall()
    {
        await using var silo = await SiloHarness.StartAsync();
        var grain = silo.Grains.GetGrain<ITurnGrain>("t");

        await grain.Work(0);

        await Task.WhenAll(grain.Read(100), grain.Work(100), grain.Read(100));

        Assert.Equal(1, silo.Probe.MaxConcurrentTurns);
    }

    [Fact]
    public async Task AlwaysInterleaveCallsRunDuringAnExclusiveCall()
    {
        await using var silo = await SiloHarness.StartAsync();
        var grain = silo.Grains.GetGrain<ITurnGrain>("t");

        var exclusive = grain.Work(300);
        await Task.Delay(50);
        await grain.Interleave(10);

        Assert.False(exclusive.IsCompleted);
        await exclusive;
        Assert.Equal(2, silo.Probe.MaxConcurrentTurns);
    }

    [Fact]
    public async Task StatelessWorkerRunsUpToItsLimitOfActivations()
    {
        await using var silo = await SiloHarness.StartAsync();
        var worker = silo.Grains.GetGrain<IWorkerGrain>("pool");

        var activations = await Task.WhenAll(Enumerable.Range(0, 9).Select(_ => worker.Work(100)));

        Assert.Equal(3, activations.Distinct().Count());
        Assert.Equal(3, silo.Probe.MaxConcurrentTurns);
    }

    // Callers on pool threads with an empty execution context may run a turn themselves; turns still never overlap.
    [Fact]
    public async Task CallsFromPoolThreadsOutsideAnyGrainNeverOverlap()
    {
        await using var silo = await SiloHarness.StartAsync();
        var tally = silo.Grains.GetGrain<ITallyGrain>("t");
        await tally.Add();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 250; i++)
            {
                await tally.Add();
            }
        })));

        Assert.Equal(1002, await tally.Add());
    }

    [Fact]
    public async Task TurnsCalledFromPoolThreadsAreNotInterleavedAcrossTheirAwaits()
    {
        await using var silo = await SiloHarness.StartAsync();
        var grain = silo.Grains.GetGrain<ITurnGrain>("t");
        await grain.Work(0);

        await Task.Run(() => Task.WhenAll(Enumerable.Range(0, 6).Select(i => grain.Log($"call{i}"))));

        var events = silo.Probe.Events.ToArray();
        Assert.Equal(12, events.Length);
        for (var i = 0; i < events.Length; i += 2)
        {
            Assert.Equal(events[i].Replace(" start", " end", StringComparison.Ordinal), events[i + 1]);
        }
    }
}
