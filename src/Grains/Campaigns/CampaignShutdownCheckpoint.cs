using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rlvr.Grains.Contracts;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// When the silo stops (SIGTERM, Ctrl+C), before the Orleans silo itself (the host's stopping phase comes before any
/// hosted service stops): each running campaign of this silo ends its current step and checkpoints there, staying
/// Running, so that the silo that starts next resumes it from that step. Waits at most <see cref="Bound"/>: a step
/// still running then is cut off with the silo, and its campaign resumes from its last checkpoint and recomputes.
/// </summary>
public sealed partial class CampaignShutdownCheckpoint(IGrainFactory grains, SiloCampaigns campaigns, ILogger<CampaignShutdownCheckpoint> logger)
    : IHostedLifecycleService
{
    /// <summary>Within the host's shutdown timeout (SiloHost sets it), which Orleans' own stop needs the rest of.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var ids = campaigns.Ids;
        if (ids.Count == 0)
        {
            return;
        }
        LogCheckpointing(logger, ids.Count, Bound.TotalSeconds);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(Bound);
        var suspensions = Task.WhenAll(ids.Select(Suspend));
        try
        {
            await suspensions.WaitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            LogBoundPassed(logger, Bound.TotalSeconds);
        }
    }

    private async Task Suspend(string id)
    {
        try
        {
            var campaign = grains.GetGrain<ICampaignGrain>(id);
            // A step waiting for its external trainer would hold the checkpoint up: it stops waiting first.
            await campaign.Interrupt();
            await campaign.Suspend();
            LogCheckpointed(logger, id, (await campaign.GetProgress()).Step);
        }
        catch (Exception e)
        {
            // The campaign keeps its last checkpoint, from which it resumes exactly: the other campaigns go on.
            LogFailed(logger, id, e.Message);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo stopping: checkpointing {Count} campaign(s) where they stand (waiting at most {Seconds} s)")]
    private static partial void LogCheckpointing(ILogger logger, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {Campaign} checkpointed at step {Step}; it resumes there when a silo starts")]
    private static partial void LogCheckpointed(ILogger logger, string campaign, long step);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign checkpoints at shutdown took over {Seconds} s: the silo stops; those campaigns resume from their last checkpoint")]
    private static partial void LogBoundPassed(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {Campaign} could not checkpoint at shutdown; it resumes from its last checkpoint: {Error}")]
    private static partial void LogFailed(ILogger logger, string campaign, string error);
}
