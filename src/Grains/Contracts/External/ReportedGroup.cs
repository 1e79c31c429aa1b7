namespace Rlvr.Grains.Contracts;

/// <summary>The completions a trainer sampled for one leased prompt.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.ReportedGroup")]
public sealed record ReportedGroup(string PromptId, IReadOnlyList<ReportedCompletion> Completions);
