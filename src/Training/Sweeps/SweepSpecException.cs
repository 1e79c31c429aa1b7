using Orleans;

namespace Rlvr.Training.Sweeps;

/// <summary>A sweep file with problems; each error starts with the field it concerns ("axes.seed: ...").</summary>
[GenerateSerializer, Alias("rlvr.SweepSpecException")]
public sealed class SweepSpecException(IReadOnlyList<string> errors, string? source = null)
    : Exception((source is null ? "invalid sweep:" : $"{source}: invalid sweep:") + Environment.NewLine
        + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    [Id(0)]
    public IReadOnlyList<string> Errors { get; } = errors;
}
