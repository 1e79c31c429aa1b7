namespace Rlvr.Runtime.Tests.Grains;

public interface ITurnGrain : IGrainWithStringKey
{
    Task Work(int milliseconds);

    [ReadOnly]
    Task Read(int milliseconds);

    [AlwaysInterleave]
    Task Interleave(int milliseconds);

    /// <summary>Appends to the order log, yields, appends again: turns that interleave would mix the pairs.</summary>
    Task Log(string tag);
}

public sealed class TurnGrain(Probe probe) : Grain, ITurnGrain
{
    public Task Work(int milliseconds) => probe.RunTurnAsync(TimeSpan.FromMilliseconds(milliseconds));

    public Task Read(int milliseconds) => probe.RunTurnAsync(TimeSpan.FromMilliseconds(milliseconds));

    public Task Interleave(int milliseconds) => probe.RunTurnAsync(TimeSpan.FromMilliseconds(milliseconds));

    public async Task Log(string tag)
    {
        probe.Record($"{tag} start");
        await Task.Delay(5);
        probe.Record($"{tag} end");
    }
}
