namespace Rlvr.Api.Contracts;

/// <summary>
/// A training prompt in the curriculum: predicted difficulty (DOTS), last observed difficulty 1 - pass rate, and
/// training rollouts so far; for a strategy that allocates rollouts or skips prompts, the pass rate it predicted before
/// rolling the prompt out, the rollouts it gave it at its latest decision (0: skipped), why, and how often it skipped it;
/// and its text and reference answer.
/// </summary>
public sealed record PromptInfo(
    string PromptId,
    string Distribution,
    double? PredictedDifficulty,
    double? ObservedDifficulty,
    long Attempts,
    double? PredictedPassRate,
    int? Budget,
    string? Reason,
    long Skips,
    string Text,
    string Answer);
