namespace Rlvr.Runtime.Storage;

/// <summary>A write presented an ETag that no longer matches storage: another writer got there first.</summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException(string message) : base(message) { }

    public InconsistentStateException(GrainStateKey key, string? expectedETag, string? storedETag)
        : base($"Inconsistent state for {key}: expected ETag '{expectedETag ?? "<none>"}' but storage holds '{storedETag ?? "<none>"}'.")
    {
        Key = key;
        ExpectedETag = expectedETag;
        StoredETag = storedETag;
    }

    public InconsistentStateException() { }

    public InconsistentStateException(string message, Exception innerException) : base(message, innerException) { }

    public GrainStateKey? Key { get; }
    public string? ExpectedETag { get; }
    public string? StoredETag { get; }
}
