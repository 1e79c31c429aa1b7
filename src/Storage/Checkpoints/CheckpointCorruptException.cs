namespace Rlvr.Storage.Checkpoints;

/// <summary>A checkpoint that cannot be used: no manifest, an unreadable manifest, a missing, truncated or altered blob.</summary>
public sealed class CheckpointCorruptException : Exception
{
    public CheckpointCorruptException(string owner, long sequence, string problem)
        : base($"checkpoint {sequence} of '{owner}': {problem}")
    {
        Owner = owner;
        Sequence = sequence;
        Problem = problem;
    }

    public CheckpointCorruptException() { }

    public CheckpointCorruptException(string message) : base(message) { }

    public CheckpointCorruptException(string message, Exception innerException) : base(message, innerException) { }

    public string? Owner { get; }

    public long Sequence { get; }

    public string? Problem { get; }
}
