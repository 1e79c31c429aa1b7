namespace Rlvr.Api.Contracts;

/// <summary>
/// A held-out evaluation of a sweep's completed campaign: the rollouts made up to its step, and its sampled and greedy
/// pass@1 as the comparison counts them (trailing means over the last 3 evaluations).
/// </summary>
public sealed record SweepCurvePointInfo(long Rollouts, double Sampled, double Greedy);
