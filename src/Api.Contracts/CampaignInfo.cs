namespace Rlvr.Api.Contracts;

/// <summary>
/// A campaign as the API shows it: lifecycle status (Creating, Created, Running, Paused, Completed, Failed, Stopped),
/// steps done of the total, the latest step's metrics, every held-out evaluation, and the error of a failed one.
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
    IReadOnlyList<EvaluationInfo> Evaluations);
