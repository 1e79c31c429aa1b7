namespace Rlvr.Api.Contracts;

/// <summary>Held-out accuracy per distribution after <see cref="Step"/> steps: greedy, and pass@1 sampled at the training temperature.</summary>
public sealed record EvaluationInfo(
    long Step,
    long PolicyVersion,
    IReadOnlyDictionary<string, double> Greedy,
    IReadOnlyDictionary<string, double> Sampled,
    double GreedyMean,
    double SampledMean);
