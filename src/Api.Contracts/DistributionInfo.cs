namespace Rlvr.Api.Contracts;

/// <summary>
/// A data distribution in the curriculum: the probability a prompt slot draws from it, the DUMP UCB score and window
/// mean |advantage| (null where the strategy does not track them), training rollouts so far, and its latest pass rate.
/// </summary>
public sealed record DistributionInfo(
    string Name,
    double? Probability,
    double? UcbScore,
    double? WindowMeanAbsAdvantage,
    long Rollouts,
    double? PassRate);
