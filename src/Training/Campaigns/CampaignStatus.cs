namespace Rlvr.Training.Campaigns;

/// <summary>
/// The lifecycle of a campaign; <see cref="None"/> until it has been created, <see cref="Creating"/> while its warm start
/// and first evaluation run. Creating is stored before they begin, so that a creation cut short by a crash is finished by
/// the campaign wherever it comes back (the warm start is deterministic, or comes from its cache).
/// <see cref="Stopped"/> is final: stopped by its user, with a checkpoint at the step it reached.
/// </summary>
public enum CampaignStatus
{
    None,
    Creating,
    Created,
    Running,
    Paused,
    Completed,
    Failed,
    Stopped,
}
