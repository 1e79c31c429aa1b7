using Microsoft.Extensions.Logging;
using Rlvr.Training.Campaigns;

namespace Rlvr.Grains.Campaigns;

// The campaign's log messages, generated at build time.
public sealed partial class CampaignGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {Campaign}: {Reason}")]
    private static partial void LogInterrupted(ILogger logger, string campaign, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {Campaign} restores from its last checkpoint: {Reason}")]
    private static partial void LogRestoring(ILogger logger, string campaign, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {Campaign} lost a silo mid-step and restores from its last checkpoint: {Reason}")]
    private static partial void LogSiloLost(ILogger logger, string campaign, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {Campaign} restored from checkpoint {Checkpoint} (stored progress was step {Step})")]
    private static partial void LogRestored(ILogger logger, string campaign, long checkpoint, long step);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {Campaign}: creation attempt {Attempt} lost a silo and starts over: {Reason}")]
    private static partial void LogCreationRetried(ILogger logger, string campaign, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Campaign {Campaign}: finishing its creation failed: {Reason}")]
    private static partial void LogCreationFailed(ILogger logger, string campaign, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {Campaign}: another activation stored its creation first ({Status}); this one makes way for it")]
    private static partial void LogCreationHandedOver(ILogger logger, string campaign, CampaignStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {Campaign} deleted with its state, logs and checkpoints")]
    private static partial void LogDeleted(ILogger logger, string campaign);
}
