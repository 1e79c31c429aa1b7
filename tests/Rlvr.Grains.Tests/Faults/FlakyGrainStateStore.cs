using Rlvr.Storage;

namespace Rlvr.Grains.Tests.Faults;

/// <summary>A grain state store whose writes and clears fail as <see cref="FlakyStorageFaults"/> decides; reads pass through.</summary>
internal sealed class FlakyGrainStateStore(IGrainStateStore inner, FlakyStorageFaults faults) : IGrainStateStore
{
    public Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default) => inner.ReadAsync(key, cancellationToken);

    public async Task<string> WriteAsync(GrainStateKey key, string json, string? expectedETag, CancellationToken cancellationToken = default)
    {
        faults.BeforeWrite($"write of {key}");
        var eTag = await inner.WriteAsync(key, json, expectedETag, cancellationToken);
        faults.AfterCommit($"write of {key}");
        return eTag;
    }

    public async Task ClearAsync(GrainStateKey key, string? expectedETag, CancellationToken cancellationToken = default)
    {
        faults.BeforeWrite($"clear of {key}");
        await inner.ClearAsync(key, expectedETag, cancellationToken);
        faults.AfterCommit($"clear of {key}");
    }
}
