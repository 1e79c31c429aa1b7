using Orleans;

namespace Rlvr.Training.Curriculum;

/// <summary>What a selector shows of itself for live queries; fields a strategy does not track are null.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.CurriculumView")]
public sealed record CurriculumView(
    string Strategy,
    IReadOnlyList<DistributionView> Distributions,
    IReadOnlyList<PromptView> Prompts,
    IReadOnlyList<DotsRound>? DotsRounds = null);

/// <summary>
/// Per distribution: the probability a prompt slot draws from it, the DUMP UCB score and window mean |A|,
/// the training rollouts counted so far, and the pass rate of its rollouts in the last step that had any.
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.DistributionView")]
public sealed record DistributionView(
    string Name,
    double? Probability,
    double? UcbScore,
    double? WindowMeanAbsAdvantage,
    long Rollouts,
    double? PassRate);

/// <summary>
/// Per prompt: predicted difficulty (DOTS), last observed difficulty 1 - p, and training rollouts so far; for a strategy
/// that allocates rollouts, the pass rate it predicted before rolling the prompt out, the rollouts it gave it at its
/// latest decision (0: skipped), why, and how many times it skipped it.
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.PromptView")]
public sealed record PromptView(
    string PromptId,
    string Distribution,
    double? PredictedDifficulty,
    double? ObservedDifficulty,
    long Attempts,
    double? PredictedPassRate = null,
    int? Budget = null,
    string? Reason = null,
    long Skips = 0);
