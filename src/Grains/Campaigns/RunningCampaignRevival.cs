using Microsoft.Extensions.Logging;
using Rlvr.Grains.Contracts;
using Rlvr.Grains.Sweeps;
using Rlvr.Training.Campaigns;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// Activates the running campaigns, so that they continue their loop at once instead of waiting for the watchdog
/// reminder's next tick (a minute at least): when a silo has started, and on every survivor when a silo of the cluster
/// is declared dead (asking a live campaign for its progress changes nothing, so all survivors may do it). Finished
/// campaigns are left unloaded. Running sweeps are activated the same way, so that they go on scheduling.
/// </summary>
public sealed partial class RunningCampaignRevival(IGrainFactory grains, ILogger<RunningCampaignRevival> logger)
{
    private const int Attempts = 5;

    public async Task ReviveAsync(CancellationToken cancellationToken)
    {
        var ids = await grains.GetGrain<ICampaignRegistryGrain>(ICampaignRegistryGrain.Key).ListRunning();
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Activation starts the loop of a running campaign (CampaignGrain.OnActivateAsync).
            var progress = await grains.GetGrain<ICampaignGrain>(id).GetProgress();
            if (progress.Status == CampaignStatus.Running)
            {
                LogResumes(logger, id, progress.Step);
            }
        }
        foreach (var id in await grains.GetGrain<ICampaignRegistryGrain>(SweepGrain.RegistryKey).ListRunning())
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Activation starts the scheduling timer of a running sweep (SweepGrain.OnActivateAsync).
            await grains.GetGrain<ISweepGrain>(id).GetStatus();
        }
    }

    /// <summary>Revives the running campaigns whenever membership declares a silo dead, until <paramref name="stopping"/>.</summary>
    public void WatchMembership(IClusterMembershipService membership, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(membership);
        _ = Task.Run(() => Watch(membership, stopping), CancellationToken.None);
    }

    private async Task Watch(IClusterMembershipService membership, CancellationToken stopping)
    {
        var dead = Dead(membership.CurrentSnapshot);
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stopping))
            {
                var now = Dead(snapshot);
                var died = now.Except(dead).ToList();
                dead = now;
                if (died.Count > 0)
                {
                    LogSilosDied(logger, string.Join(", ", died));
                    await ReviveWithRetries(stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task ReviveWithRetries(CancellationToken stopping)
    {
        for (var attempt = 1; attempt <= Attempts && !stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await ReviveAsync(stopping);
                return;
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                // The registry or a campaign may still be registered on the dead silo for a moment.
                LogRevivalFailed(logger, attempt, Attempts, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(attempt), stopping);
            }
        }
    }

    private static HashSet<SiloAddress> Dead(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress).ToHashSet();

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {Campaign} resumes at step {Step}")]
    private static partial void LogResumes(ILogger logger, string campaign, long step);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silos} declared dead: reviving the running campaigns")]
    private static partial void LogSilosDied(ILogger logger, string silos);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reviving the running campaigns failed (attempt {Attempt} of {Attempts}): {Error}")]
    private static partial void LogRevivalFailed(ILogger logger, int attempt, int attempts, string error);
}
