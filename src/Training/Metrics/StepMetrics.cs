using System.Text.Json.Serialization;
using Orleans;

namespace Rlvr.Training.Metrics;

/// <summary>
/// One training step: its typed core (step, policy version, pass rate per distribution over every group generated in
/// the step, phase timings, the curriculum's distributions after the step) and its named scalars (<see cref="StepMetric"/>),
/// null where a scalar does not apply (no DOTS correlation without DOTS, no replay age without replay).
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.StepMetrics")]
[JsonConverter(typeof(StepMetricsJsonConverter))]
public sealed record StepMetrics(
    long Step,
    long PolicyVersion,
    IReadOnlyDictionary<string, double> PassRates,
    PhaseTimings Phases,
    IReadOnlyList<Curriculum.DistributionView>? Curriculum,
    IReadOnlyDictionary<string, double?> Scalars)
{
    /// <summary>The scalar's value; null when the step has none.</summary>
    public double? this[StepMetric metric] => Scalars.GetValueOrDefault(metric.Name);
}
