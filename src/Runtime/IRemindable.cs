namespace Rlvr.Runtime;

/// <summary>Implemented by grains that register durable reminders.</summary>
public interface IRemindable : IGrain
{
    /// <summary>
    /// A reminder tick. Ticks are delivered at least once (a tick may repeat around a restart), so handle them
    /// idempotently.
    /// </summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}
