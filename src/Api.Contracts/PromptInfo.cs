namespace Rlvr.Api.Contracts;

/// <summary>
/// A training prompt in the curriculum: its text and reference answer, predicted difficulty (DOTS), last observed
/// difficulty 1 - pass rate, and training rollouts so far.
/// </summary>
public sealed record PromptInfo(
    string PromptId,
    string Distribution,
    double? PredictedDifficulty,
    double? ObservedDifficulty,
    long Attempts,
    string Text,
    string Answer);
