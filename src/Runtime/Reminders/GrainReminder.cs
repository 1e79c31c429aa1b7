namespace Rlvr.Runtime.Reminders;

internal sealed record GrainReminder(string ReminderName, DateTimeOffset StartAt, TimeSpan Period) : IGrainReminder
{
    public static GrainReminder From(ReminderEntry entry) => new(entry.Name, entry.StartAt, entry.Period);
}
