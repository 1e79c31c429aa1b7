namespace Rlvr.Api.Contracts;

/// <summary>A leased prompt's group: exactly the group size of completions.</summary>
public sealed record ReportedGroupInfo(string PromptId, IReadOnlyList<ReportedCompletionInfo> Completions);
