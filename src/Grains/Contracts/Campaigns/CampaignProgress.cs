using Rlvr.Training.Campaigns;
using Rlvr.Training.Metrics;

namespace Rlvr.Grains.Contracts;

/// <summary>
/// What a campaign shows of itself: lifecycle, steps done of the total, latest metrics, every evaluation, the error of a
/// failed campaign, the name of the silo that hosts it (where its loop runs), its prompt-selection strategy (null
/// before it has a configuration) and when it was created (null for one created before the time was stored).
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.CampaignProgress")]
public sealed record CampaignProgress(
    CampaignStatus Status,
    long Step,
    int Steps,
    long PolicyVersion,
    string? ConfigHash,
    StepMetrics? Latest,
    IReadOnlyList<EvaluationResult> Evaluations,
    string? Error,
    string Silo,
    string? Strategy,
    DateTimeOffset? CreatedUtc);
