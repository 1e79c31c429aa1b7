namespace Rlvr.Grains.Contracts;

/// <summary>A trainer's update of a step: the policy version it made and its statistics (gradient norm and clip fraction when the trainer measured them).</summary>
[GenerateSerializer, Immutable, Alias("rlvr.TrainerUpdateReport")]
public sealed record TrainerUpdateReport(
    long Step, long PolicyVersion, double Loss, double Kl, double Entropy, double? GradNorm, double? ClipFraction,
    IReadOnlyDictionary<string, double> Metrics);
