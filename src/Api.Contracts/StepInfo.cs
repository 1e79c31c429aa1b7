namespace Rlvr.Api.Contracts;

/// <summary>
/// One training step: pass rate per distribution, wall time per phase in milliseconds, the curriculum's distributions
/// after the step, the campaign's wall time through this step, and the step's named scalars (<c>metrics</c>: reward,
/// loss, kl, clip_fraction, ... as metrics.jsonl and the CSV export name them; null where one does not apply).
/// </summary>
public sealed record StepInfo(
    long Step,
    long PolicyVersion,
    IReadOnlyDictionary<string, double> PassRates,
    IReadOnlyDictionary<string, double> PhasesMs,
    IReadOnlyList<DistributionInfo> Curriculum,
    double ElapsedMs,
    IReadOnlyDictionary<string, double?> Metrics)
{
    /// <summary>The named scalar, 0 when the step has none.</summary>
    public double Metric(string name) => Metrics.GetValueOrDefault(name) ?? 0;
}
