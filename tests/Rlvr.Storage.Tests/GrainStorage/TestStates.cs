namespace Rlvr.Storage.Tests.GrainStorage;

/// <summary>A mutable state with a parameterless constructor, as most grain states are.</summary>
public sealed class CounterState
{
    public int Step { get; set; }

    public string Note { get; set; } = "";

    public List<int> Values { get; set; } = [];
}

public enum Phase
{
    Created,
    Running,
    Paused,
}

/// <summary>A positional record with an enum and an init-only collection: no parameterless constructor.</summary>
public sealed record CampaignSnapshot(string Id, Phase Phase, long Step)
{
    public IReadOnlyList<string> Tags { get; init; } = [];
}
