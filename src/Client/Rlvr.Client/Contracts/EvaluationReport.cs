namespace Rlvr.Client.Contracts;

/// <summary>POST trainer/leases/{leaseId}/evaluation: a greedy and a sampled completion of each leased held-out prompt.</summary>
public sealed record EvaluationReport(IReadOnlyList<ReportedEvaluationInfo> Completions);
