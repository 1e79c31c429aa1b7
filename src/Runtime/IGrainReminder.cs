namespace Rlvr.Runtime;

/// <summary>A registered durable reminder.</summary>
public interface IGrainReminder
{
    string ReminderName { get; }

    DateTimeOffset StartAt { get; }

    TimeSpan Period { get; }
}
