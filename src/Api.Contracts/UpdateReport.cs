namespace Rlvr.Api.Contracts;

/// <summary>
/// POST trainer/updates: the step trained, the policy version it made (the step), and its statistics (gradNorm and
/// clipFraction optional: a trainer that does not measure them leaves them out, and the metrics show none); with
/// <see cref="Next"/>, the answer also brings the trainer's next task.
/// </summary>
public sealed record UpdateReport(
    long Step, long PolicyVersion, double Loss, double Kl, double Entropy, double? GradNorm, double? ClipFraction,
    IReadOnlyDictionary<string, double>? Metrics, TrainerTaskRequest? Next = null);
