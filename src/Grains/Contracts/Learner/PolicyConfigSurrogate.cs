using Rlvr.Torch;

namespace Rlvr.Grains.Contracts;

/// <summary>A policy's shape on the wire (the torch binding knows nothing of Orleans, so its types travel as surrogates).</summary>
[GenerateSerializer, Immutable, Alias("rlvr.PolicyConfigSurrogate")]
public readonly record struct PolicyConfigSurrogate(
    [property: Id(0)] int VocabSize,
    [property: Id(1)] int Width,
    [property: Id(2)] int Layers,
    [property: Id(3)] int Heads,
    [property: Id(4)] int ContextLength);

[RegisterConverter]
public sealed class PolicyConfigConverter : IConverter<PolicyConfig, PolicyConfigSurrogate>
{
    public PolicyConfig ConvertFromSurrogate(in PolicyConfigSurrogate surrogate) =>
        new(surrogate.VocabSize, surrogate.Width, surrogate.Layers, surrogate.Heads, surrogate.ContextLength);

    public PolicyConfigSurrogate ConvertToSurrogate(in PolicyConfig value) =>
        new(value.VocabSize, value.Width, value.Layers, value.Heads, value.ContextLength);
}
