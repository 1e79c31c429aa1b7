namespace Rlvr.Api.Contracts;

/// <summary>
/// A campaign as the API shows it: lifecycle status (Creating, Created, Running, Paused, Completed, Failed, Stopped),
/// steps done of the total, the latest step's metrics, every held-out evaluation, the error of a failed one, the name
/// of the silo that hosts it, its prompt-selection strategy, when it was created (null for a campaign created before
/// the silo recorded it), and the warnings its numbers raise (see <see cref="CampaignWarningInfo"/>).
/// </summary>
public sealed record CampaignInfo(
    string Id,
    string Status,
    long Step,
    int Steps,
    long PolicyVersion,
    string? ConfigHash,
    string? Error,
    StepInfo? Latest,
    IReadOnlyList<EvaluationInfo> Evaluations,
    string Silo,
    string? Strategy,
    DateTimeOffset? CreatedUtc,
    IReadOnlyList<CampaignWarningInfo> Warnings);
