using Microsoft.Extensions.Logging;

namespace Rlvr.Grains.Sweeps;

// The sweep's log messages, generated at build time.
public sealed partial class SweepGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {Sweep}: {Campaigns} campaigns, {Concurrency} at a time")]
    private static partial void LogCreated(ILogger logger, string sweep, int campaigns, int concurrency);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {Sweep} stopped")]
    private static partial void LogStopped(ILogger logger, string sweep);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {Sweep}: creating campaign {Campaign}")]
    private static partial void LogCreatingCampaign(ILogger logger, string sweep, string campaign);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {Sweep} completed")]
    private static partial void LogCompleted(ILogger logger, string sweep);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {Sweep}: creating campaign {Campaign} failed: {Error}")]
    private static partial void LogCreationFailed(ILogger logger, string sweep, string campaign, string error);
}
