namespace Rlvr.Grains.Contracts;

/// <summary>A trainer's greedy and sampled completion of one held-out prompt.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.ReportedEvaluation")]
public sealed record ReportedEvaluation(string PromptId, string Greedy, string Sampled);
