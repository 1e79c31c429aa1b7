using Microsoft.Extensions.Logging;
using Orleans;

namespace Rlvr.Grains.Grains;

/// <summary>
/// Runs when a silo has started: activates the running campaigns, so that they continue their loop at once instead of
/// waiting for the watchdog reminder's next tick (a minute at least). Finished campaigns are left unloaded.
/// </summary>
public sealed class RunningCampaignRevival(IGrainFactory grains, ILogger<RunningCampaignRevival> logger)
{
    public async Task ReviveAsync(CancellationToken cancellationToken)
    {
        var ids = await grains.GetGrain<ICampaignRegistryGrain>(ICampaignRegistryGrain.Key).ListRunning();
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Activation starts the loop of a running campaign (CampaignGrain.OnActivateAsync).
            var progress = await grains.GetGrain<ICampaignGrain>(id).GetProgress();
            if (progress.Status == Campaigns.CampaignStatus.Running)
            {
                logger.LogInformation("Campaign {Campaign} resumes at step {Step}", id, progress.Step);
            }
        }
    }
}
