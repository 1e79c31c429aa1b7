namespace Rlvr.Storage;

/// <summary>Reminder start times are stored as UTC ticks; Orleans hands over local or unspecified times too.</summary>
internal static class ReminderTimes
{
    public static long ToUtcTicks(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime().Ticks : time.Ticks;

    public static DateTime FromUtcTicks(long ticks) => new(ticks, DateTimeKind.Utc);
}
