namespace Rlvr.Api.Contracts;

/// <summary>
/// Something a campaign's numbers suggest is going wrong. <see cref="Kind"/> "memorisation": the latest step's training
/// pass rate on <see cref="Distribution"/> runs 0.25 or more above its latest held-out accuracy (sampled pass@1, from
/// an evaluation after training began), the policy learning its training pool rather than the task.
/// </summary>
public sealed record CampaignWarningInfo(
    string Kind,
    string Distribution,
    string Message,
    double TrainingPassRate,
    double HeldOutAccuracy)
{
    public const string Memorisation = "memorisation";
}
