namespace Rlvr.Api.Contracts;

/// <summary>
/// A sweep's comparison over its completed campaigns: the reference arm's final sampled held-out pass@1 (the target of
/// <see cref="SweepArmInfo.RolloutsToReference"/>), the equal rollout budget (the fewest rollouts any completed campaign
/// made), one row per arm, the campaigns left out because they have not completed, and each completed campaign's
/// held-out accuracy against its rollouts (by campaign id).
/// </summary>
public sealed record SweepComparisonInfo(
    double? ReferenceAccuracy,
    long? RolloutBudget,
    IReadOnlyList<SweepArmInfo> Arms,
    IReadOnlyList<string> Unfinished,
    IReadOnlyDictionary<string, IReadOnlyList<SweepCurvePointInfo>> Curves);
