using Rlvr.Torch;

namespace Rlvr.Grains.Contracts;

/// <summary>An update's statistics as the step's metrics keep them: the learner's (single precision), or an external trainer's as it reported them (clip fraction and gradient norm when it did).</summary>
[GenerateSerializer, Immutable, Alias("rlvr.UpdateStatistics")]
public sealed record UpdateStatistics(
    [property: Id(0)] double Loss,
    [property: Id(1)] double Kl,
    [property: Id(2)] double? ClipFraction,
    [property: Id(3)] double Entropy,
    [property: Id(4)] double? GradNorm)
{
    public static UpdateStatistics Of(GrpoStats stats) => new(stats.Loss, stats.Kl, stats.ClipFraction, stats.Entropy, stats.GradNorm);
}
