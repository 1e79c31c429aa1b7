using Orleans;

namespace Rlvr.Grains.External;

/// <summary>The completions a trainer sampled for one leased prompt.</summary>
[GenerateSerializer, Immutable]
public sealed record ReportedGroup(string PromptId, IReadOnlyList<ReportedCompletion> Completions);
