namespace Rlvr.Api.Contracts;

/// <summary>
/// POST trainer/leases/{leaseId}/evaluation: a greedy and a sampled completion of each leased held-out prompt; with
/// <see cref="Next"/>, the answer also brings the trainer's next task.
/// </summary>
public sealed record EvaluationReport(IReadOnlyList<ReportedEvaluationInfo> Completions, TrainerTaskRequest? Next = null);
