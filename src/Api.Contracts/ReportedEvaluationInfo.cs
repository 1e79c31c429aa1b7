namespace Rlvr.Api.Contracts;

/// <summary>A held-out prompt's greedy and sampled completion.</summary>
public sealed record ReportedEvaluationInfo(string PromptId, string Greedy, string Sampled);
