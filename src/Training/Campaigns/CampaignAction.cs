namespace Rlvr.Training.Campaigns;

/// <summary>What a user (the API, the CLI, a sweep) asks of a campaign; <see cref="CampaignLifecycle"/> says what it does in each status.</summary>
public enum CampaignAction
{
    Start,
    Pause,
    Resume,
    Stop,

    /// <summary>Deletes a halted campaign with its data (target status None: it no longer exists).</summary>
    Delete,
}
