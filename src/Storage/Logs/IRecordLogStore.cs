namespace Rlvr.Storage.Logs;

/// <summary>
/// Append-only logs of records (opaque bytes, one JSON document each, say), by owner and log name, in order from
/// position 0. A record is written at the log's length, or at an earlier position, which replaces the record there and
/// drops the ones after it (so a retried append is harmless); a log is cut back to a length and read from a position.
/// </summary>
public interface IRecordLogStore
{
    /// <summary>Writes <paramref name="record"/> at <paramref name="position"/>, at most the log's length.</summary>
    Task AppendAsync(string owner, string log, long position, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default);

    /// <summary>The records from <paramref name="from"/> to the end, in order; none for a log never written.</summary>
    Task<IReadOnlyList<byte[]>> ReadAsync(string owner, string log, long from, CancellationToken cancellationToken = default);

    /// <summary>Drops the records at <paramref name="length"/> and after.</summary>
    Task TruncateAsync(string owner, string log, long length, CancellationToken cancellationToken = default);

    /// <summary>Deletes the log (its owner's campaign is deleted, say); a log never written, or already deleted, is deleted.</summary>
    Task DeleteAsync(string owner, string log, CancellationToken cancellationToken = default);
}
