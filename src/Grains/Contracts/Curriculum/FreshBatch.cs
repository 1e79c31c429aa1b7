using Rlvr.Training.Grpo;

namespace Rlvr.Grains.Contracts;

/// <summary>
/// A step's generated share of the batch, complete: B less the replayed groups, carried surplus first, gathered in
/// <see cref="Rounds"/> generation rounds; with the predicted-vs-true difficulty correlation of the step's reference
/// rollouts when it had some (DOTS), and how many generated groups the filter dropped.
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.FreshBatch")]
public sealed record FreshBatch(IReadOnlyList<RolloutGroup> Groups, int Rounds, double? ReferenceCorrelation, int Rejected)
    : StepSelection;
