using Rlvr.Runtime;

namespace Rlvr.Runtime.TestSilo;

public interface ITickLogGrain : IGrainWithStringKey
{
    Task RegisterReminder(TimeSpan period);
}

/// <summary>Appends "tick &lt;process id&gt;" to the log file on each reminder tick.</summary>
public sealed class TickLogGrain(TickLog log) : Grain, ITickLogGrain, IRemindable
{
    public Task RegisterReminder(TimeSpan period) => RegisterOrUpdateReminder("tick", period, period);

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        File.AppendAllTextAsync(log.Path, $"tick {Environment.ProcessId}\n");
}

public sealed record TickLog(string Path);
