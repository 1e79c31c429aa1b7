namespace Rlvr.Training.Campaigns;

/// <summary>
/// The lifecycle of a campaign; <see cref="None"/> until it has been created, <see cref="Creating"/> while its warm start
/// and first evaluation run (never stored: a crash then leaves no campaign, and creating it again starts over).
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
