using Orleans;

namespace Rlvr.Training.Sweeps;

/// <summary>
/// A sweep's comparison: the reference arm's final sampled pass@1 (the target of "rollouts to reach"), the rollout
/// budget of "accuracy at equal rollouts" (the fewest rollouts any completed campaign made), the arms, and the
/// campaigns not completed, which it leaves out; and each completed campaign's evaluations against its rollouts.
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.SweepComparisonResult")]
public sealed record SweepComparisonResult(
    double? ReferenceAccuracy,
    long? RolloutBudget,
    IReadOnlyList<SweepArmComparison> Arms,
    IReadOnlyList<string> Unfinished,
    IReadOnlyDictionary<string, IReadOnlyList<SweepCurvePoint>> Curves);
