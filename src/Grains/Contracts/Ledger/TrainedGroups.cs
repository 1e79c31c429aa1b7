using Rlvr.Training.Grpo;

namespace Rlvr.Grains.Contracts;

/// <summary>The stored mark of a trained step on its ledger page: the fresh groups its update trained on.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.TrainedGroups")]
public sealed record TrainedGroups([property: Id(0)] IReadOnlyList<RolloutGroupId> Ids);
