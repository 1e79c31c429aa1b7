namespace Rlvr.Runtime.Tests.Grains;

public interface IReminderGrain : IGrainWithStringKey
{
    Task Start(int periodMilliseconds);

    Task Cancel();

    /// <summary>Starts a grain timer that ticks <paramref name="ticks"/> times.</summary>
    Task StartTimer(int periodMilliseconds, int ticks);
}

public sealed class ReminderGrain(Probe probe) : Grain, IReminderGrain, IRemindable
{
    private int _timerTicks;

    public Task Start(int periodMilliseconds) =>
        RegisterOrUpdateReminder("tick", TimeSpan.FromMilliseconds(periodMilliseconds), TimeSpan.FromMilliseconds(periodMilliseconds));

    public async Task Cancel()
    {
        var reminder = await GetReminder("tick") ?? throw new InvalidOperationException("no reminder 'tick'");
        await UnregisterReminder(reminder);
    }

    public Task StartTimer(int periodMilliseconds, int ticks)
    {
        IDisposable? timer = null;
        timer = RegisterGrainTimer(async cancellation =>
        {
            probe.Record("timer start");
            await Task.Delay(5, cancellation);
            probe.Record("timer end");
            if (++_timerTicks == ticks)
            {
                timer!.Dispose();
            }
        }, TimeSpan.FromMilliseconds(periodMilliseconds), TimeSpan.FromMilliseconds(periodMilliseconds));
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        probe.Record($"reminder {GetPrimaryKeyString()} {reminderName}");
        return Task.CompletedTask;
    }
}
