using Rlvr.Storage.Checkpoints;

namespace Rlvr.Grains.Tests.Faults;

/// <summary>A checkpoint store whose blob and manifest writes fail as <see cref="FlakyStorageFaults"/> decides; reads, lists and deletes pass through.</summary>
internal sealed class FlakyCheckpointStore(ICheckpointStore inner, FlakyStorageFaults faults) : ICheckpointStore
{
    public async Task PutBlobAsync(string owner, long sequence, string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        faults.BeforeWrite($"blob {owner}/{sequence}/{name}");
        await inner.PutBlobAsync(owner, sequence, name, data, cancellationToken);
        faults.AfterCommit($"blob {owner}/{sequence}/{name}");
    }

    public Task<byte[]?> GetBlobAsync(string owner, long sequence, string name, CancellationToken cancellationToken = default) =>
        inner.GetBlobAsync(owner, sequence, name, cancellationToken);

    public async Task PutManifestAsync(string owner, long sequence, ReadOnlyMemory<byte> manifest, CancellationToken cancellationToken = default)
    {
        faults.BeforeWrite($"manifest {owner}/{sequence}");
        await inner.PutManifestAsync(owner, sequence, manifest, cancellationToken);
        faults.AfterCommit($"manifest {owner}/{sequence}");
    }

    public Task<byte[]?> GetManifestAsync(string owner, long sequence, CancellationToken cancellationToken = default) =>
        inner.GetManifestAsync(owner, sequence, cancellationToken);

    public Task<IReadOnlyList<long>> ListAsync(string owner, CancellationToken cancellationToken = default) => inner.ListAsync(owner, cancellationToken);

    public Task DeleteAsync(string owner, long sequence, CancellationToken cancellationToken = default) => inner.DeleteAsync(owner, sequence, cancellationToken);
}
