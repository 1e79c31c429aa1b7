namespace Rlvr.Storage.Checkpoints;

/// <summary>
/// Where checkpoints live: named blobs and one manifest per (owner, sequence). The store moves bytes; checksums,
/// the commit protocol (manifest last) and retention belong to <see cref="CheckpointRepository"/>. A blob or manifest
/// written twice with the same bytes is the same write, so retrying a put whose outcome is unknown is safe.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>Writes a blob of a checkpoint that is not yet committed, replacing one of the same name.</summary>
    Task PutBlobAsync(string owner, long sequence, string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>A blob's bytes, or null when it is missing.</summary>
    Task<byte[]?> GetBlobAsync(string owner, long sequence, string name, CancellationToken cancellationToken = default);

    /// <summary>Writes the manifest atomically: afterwards readers see the whole manifest or none.</summary>
    Task PutManifestAsync(string owner, long sequence, ReadOnlyMemory<byte> manifest, CancellationToken cancellationToken = default);

    /// <summary>The manifest's bytes, or null when the checkpoint was never committed.</summary>
    Task<byte[]?> GetManifestAsync(string owner, long sequence, CancellationToken cancellationToken = default);

    /// <summary>The sequences the owner has anything stored under (committed or not), ascending.</summary>
    Task<IReadOnlyList<long>> ListAsync(string owner, CancellationToken cancellationToken = default);

    /// <summary>Deletes a checkpoint, manifest first, so that a half-deleted one reads as uncommitted.</summary>
    Task DeleteAsync(string owner, long sequence, CancellationToken cancellationToken = default);
}
