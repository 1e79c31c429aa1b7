using Rlvr.Grains.Contracts;

namespace Rlvr.Grains.Sweeps;

/// <summary>
/// A sweep's stored state, small and bounded: its spec (self-contained YAML, from which the plan is expanded again on
/// activation), status, creation time, and the campaigns whose creation failed, with the error (so that a restart does
/// not try them again). States stored before carried the data directory its campaigns were created in, which reading
/// them ignores: a campaign takes its silo's own.
/// </summary>
[GenerateSerializer, Alias("rlvr.SweepState")]
public sealed class SweepState
{
    [Id(0)]
    public string? Spec { get; set; }

    [Id(2)]
    public SweepStatus Status { get; set; }

    [Id(3)]
    public DateTimeOffset CreatedUtc { get; set; }

    [Id(4)]
    public Dictionary<string, string> LaunchErrors { get; set; } = new(StringComparer.Ordinal);
}
