using Orleans;
using Rlvr.Grains.Grpo;

namespace Rlvr.Grains.Grains;

/// <summary>A rollout-group ledger entry as stored and as queried: its status and, once scored, the group.</summary>
[GenerateSerializer, Immutable]
public sealed record RolloutGroupEntry
{
    [Id(0)]
    public RolloutGroupStatus Status { get; init; }

    [Id(1)]
    public RolloutGroup? Group { get; init; }

    /// <summary>Scored or consumed: the group is there to be reused.</summary>
    public bool IsScored => Status >= RolloutGroupStatus.Scored;
}
