using Orleans;
using Rlvr.Torch;

namespace Rlvr.Grains.Serialization;

/// <summary>The learner's statistics on the wire: the torch binding knows nothing of Orleans, so its types travel as surrogates.</summary>
[GenerateSerializer, Immutable]
public readonly record struct GrpoStatsSurrogate(
    [property: Id(0)] float Loss,
    [property: Id(1)] float Kl,
    [property: Id(2)] float ClipFraction,
    [property: Id(3)] float Entropy,
    [property: Id(4)] float GradNorm);

[RegisterConverter]
public sealed class GrpoStatsConverter : IConverter<GrpoStats, GrpoStatsSurrogate>
{
    public GrpoStats ConvertFromSurrogate(in GrpoStatsSurrogate surrogate) =>
        new(surrogate.Loss, surrogate.Kl, surrogate.ClipFraction, surrogate.Entropy, surrogate.GradNorm);

    public GrpoStatsSurrogate ConvertToSurrogate(in GrpoStats value) =>
        new(value.Loss, value.Kl, value.ClipFraction, value.Entropy, value.GradNorm);
}
