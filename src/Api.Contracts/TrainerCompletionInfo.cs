namespace Rlvr.Api.Contracts;

/// <summary>A completion of a batch's group: text, token count, token ids and behaviour log-probs as reported, reward and advantage.</summary>
public sealed record TrainerCompletionInfo(
    string? Text, int TokenCount, IReadOnlyList<int>? TokenIds, IReadOnlyList<float>? LogProbs, double Reward, double Advantage);
