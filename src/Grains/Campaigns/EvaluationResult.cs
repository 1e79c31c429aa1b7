namespace Rlvr.Grains.Campaigns;

/// <summary>Greedy held-out accuracy per distribution of the policy at <see cref="PolicyVersion"/>, taken after <see cref="Step"/> steps.</summary>
public sealed record EvaluationResult(long Step, long PolicyVersion, IReadOnlyDictionary<string, double> Accuracy)
{
    public double Mean => Accuracy.Count == 0 ? 0 : Accuracy.Values.Average();
}
