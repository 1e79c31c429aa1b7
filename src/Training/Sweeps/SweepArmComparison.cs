using Orleans;

namespace Rlvr.Training.Sweeps;

/// <summary>
/// One arm of a sweep's comparison, over its completed seeds (null where none has completed): final held-out pass@1
/// (sampled and greedy, each a trailing mean of the last evaluations) mean and standard deviation; the rollouts its
/// seeds needed to reach the reference arm's final sampled pass@1 (mean over the seeds that reached it, and how many
/// did); sampled pass@1 within the sweep's rollout budget; and training time.
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.SweepArmComparison")]
public sealed record SweepArmComparison(
    string Arm,
    int Seeds,
    int Finished,
    double? FinalSampledMean,
    double? FinalSampledStd,
    double? FinalGreedyMean,
    double? FinalGreedyStd,
    double? RolloutsToReference,
    int ReachedSeeds,
    double? AccuracyAtBudgetMean,
    double? AccuracyAtBudgetStd,
    double? WallSecondsMean);
