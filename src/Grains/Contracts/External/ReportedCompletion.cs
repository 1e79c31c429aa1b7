namespace Rlvr.Grains.Contracts;

/// <summary>A completion as a trainer reports it: text, token count, optionally its token ids and behaviour log-probs, and its reward if the trainer scored it.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.ReportedCompletion")]
public sealed record ReportedCompletion(string Text, int TokenCount, IReadOnlyList<int>? TokenIds, IReadOnlyList<float>? LogProbs, double? Reward);
