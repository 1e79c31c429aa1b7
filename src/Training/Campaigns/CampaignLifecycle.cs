namespace Rlvr.Training.Campaigns;

/// <summary>
/// The one table of a campaign's lifecycle, which the grain applies and the API, the client and the CLI therefore agree
/// on (docs/lifecycle.md shows it). Start starts a created campaign; resume continues a paused or failed one from its
/// last checkpoint; pause holds a running one; stop ends any that has not ended; delete removes a halted one with its data. An action whose outcome is the status
/// the campaign already has (pause on Paused, start on Running) succeeds and changes nothing, so that a retried request
/// is harmless. Completed and Stopped are final.
/// </summary>
public static class CampaignLifecycle
{
    public static CampaignTransition Decide(CampaignStatus status, CampaignAction action)
    {
        (CampaignStatus? Target, string? Reason) decision = (status, action) switch
        {
            (CampaignStatus.None, _) => (null, "it does not exist"),
            (CampaignStatus.Creating, _) => (null, "it is still being created (warm start and first evaluation); ask again once it is Created"),
            (CampaignStatus.Running, CampaignAction.Delete) => (null, "pause or stop it first"),
            (_, CampaignAction.Delete) => (CampaignStatus.None, null),
            (CampaignStatus.Completed, _) => (null, "it has finished its steps"),
            (CampaignStatus.Stopped, CampaignAction.Stop) => (CampaignStatus.Stopped, null),
            (CampaignStatus.Stopped, _) => (null, "it was stopped for good"),
            (_, CampaignAction.Stop) => (CampaignStatus.Stopped, null),
            (CampaignStatus.Created or CampaignStatus.Running, CampaignAction.Start) => (CampaignStatus.Running, null),
            (CampaignStatus.Paused or CampaignStatus.Failed, CampaignAction.Start) => (null, "resume it instead (from its last checkpoint)"),
            (CampaignStatus.Paused or CampaignStatus.Failed or CampaignStatus.Running, CampaignAction.Resume) => (CampaignStatus.Running, null),
            (CampaignStatus.Created, CampaignAction.Resume) => (null, "it has not started; start it instead"),
            (CampaignStatus.Running or CampaignStatus.Paused, CampaignAction.Pause) => (CampaignStatus.Paused, null),
            (CampaignStatus.Created or CampaignStatus.Failed, CampaignAction.Pause) => (null, "it is not running"),
            _ => throw new ArgumentOutOfRangeException(nameof(status), $"{action} on {status}"),
        };
        return new CampaignTransition(status, action, decision.Target, decision.Reason);
    }
}
