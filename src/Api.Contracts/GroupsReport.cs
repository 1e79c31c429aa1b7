namespace Rlvr.Api.Contracts;

/// <summary>
/// POST trainer/leases/{leaseId}/groups: groups of leased prompts, in one or several calls; with <see cref="Next"/>, the
/// answer also brings the trainer's next task (one call fewer than asking for it after).
/// </summary>
public sealed record GroupsReport(IReadOnlyList<ReportedGroupInfo> Groups, TrainerTaskRequest? Next = null);
