namespace Rlvr.Api.Contracts;

/// <summary>
/// A completion: its text and token count; its token ids and behaviour log-probs when the trainer has them (tokenCount
/// each); its reward when the trainer scored it (on every completion of the group or none: then the campaign's
/// verifier scores the text).
/// </summary>
public sealed record ReportedCompletionInfo(string Text, int TokenCount, IReadOnlyList<int>? TokenIds, IReadOnlyList<float>? LogProbs, double? Reward);
