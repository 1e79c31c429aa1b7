namespace Rlvr.Client.Contracts;

/// <summary>POST trainer/leases/{leaseId}/groups: groups of leased prompts, in one or several calls.</summary>
public sealed record GroupsReport(IReadOnlyList<ReportedGroupInfo> Groups);
