namespace Rlvr.Runtime.Reminders;

/// <summary>A durable reminder: fires first at <see cref="StartAt"/>, then every <see cref="Period"/>.</summary>
public sealed record ReminderEntry(GrainId Grain, string Name, DateTimeOffset StartAt, TimeSpan Period, string ETag = "");
