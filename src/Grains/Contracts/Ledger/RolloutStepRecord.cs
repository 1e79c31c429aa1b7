using Rlvr.Training.Grpo;

namespace Rlvr.Grains.Contracts;

/// <summary>
/// A step's page of the rollout ledger, as queried: the scored groups the step generated (every round, reference
/// rollouts included), and, once the step's learner update is done, the fresh groups it trained on (which may include
/// groups carried from earlier steps; replayed groups are the replay buffer's). Stored as records of this type without
/// the trained groups, one per <see cref="IRolloutLedgerGrain.Record"/> holding the groups it added; the trained groups
/// are stored apart (<see cref="TrainedGroups"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.RolloutStepRecord")]
public sealed record RolloutStepRecord
{
    [Id(0)]
    public IReadOnlyList<RolloutGroup> Groups { get; init; } = [];

    /// <summary>Null until the step's update completed.</summary>
    [Id(1)]
    public IReadOnlyList<RolloutGroupId>? Trained { get; init; }
}
