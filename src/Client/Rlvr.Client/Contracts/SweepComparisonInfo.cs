namespace Rlvr.Client.Contracts;

/// <summary>
/// A sweep's comparison over its completed campaigns: the reference arm's final sampled held-out pass@1 (the target of
/// <see cref="SweepArmInfo.RolloutsToReference"/>), the equal rollout budget (the fewest rollouts any completed campaign
/// made), one row per arm, and the campaigns left out because they have not completed.
/// </summary>
public sealed record SweepComparisonInfo(
    double? ReferenceAccuracy, long? RolloutBudget, IReadOnlyList<SweepArmInfo> Arms, IReadOnlyList<string> Unfinished);
