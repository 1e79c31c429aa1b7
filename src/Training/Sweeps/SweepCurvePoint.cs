using Orleans;

namespace Rlvr.Training.Sweeps;

/// <summary>A held-out evaluation of a sweep's campaign: the rollouts made up to its step, and its trailing accuracies.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.SweepCurvePoint")]
public sealed record SweepCurvePoint(long Rollouts, double Sampled, double Greedy);
