namespace Rlvr.Grains.Campaigns;

/// <summary>The lifecycle of a campaign; <see cref="None"/> until it has been created.</summary>
public enum CampaignStatus
{
    None,
    Created,
    Running,
    Paused,
    Completed,
    Failed,
}
