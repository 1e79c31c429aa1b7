namespace Rlvr.Api.Contracts;

/// <summary>
/// One arm of a sweep's comparison, over its completed seeds (null while none has completed). Accuracies are held-out
/// pass@1, mean over distributions, trailing mean of the last 3 evaluations: final sampled and greedy (mean and
/// standard deviation over seeds); rollouts to reach the reference arm's final sampled pass@1 (mean over the
/// <see cref="ReachedSeeds"/> seeds that reached it; null when none did); sampled pass@1 at the sweep's equal rollout
/// budget; training seconds (step wall time less held-out evaluation), mean over seeds.
/// </summary>
public sealed record SweepArmInfo(
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
