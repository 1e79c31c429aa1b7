using Orleans;

namespace Rlvr.Training.Metrics;

/// <summary>
/// Held-out accuracy per distribution of the policy at <see cref="PolicyVersion"/>, taken after <see cref="Step"/>
/// steps: greedy, and pass@1 of one completion sampled at the training temperature.
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.EvaluationResult")]
public sealed record EvaluationResult(
    long Step,
    long PolicyVersion,
    IReadOnlyDictionary<string, double> Accuracy,
    IReadOnlyDictionary<string, double> SampledAccuracy)
{
    public double Mean => Accuracy.Count == 0 ? 0 : Accuracy.Values.Average();

    public double SampledMean => SampledAccuracy.Count == 0 ? 0 : SampledAccuracy.Values.Average();
}
