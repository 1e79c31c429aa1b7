using Rlvr.Runtime.Storage;
using Rlvr.Runtime.Storage.InMemory;

namespace Rlvr.Runtime.Tests.Storage;

/// <summary>An in-memory grain storage whose writes fail on command, in the ways a real database fails.</summary>
internal sealed class FaultInjectingGrainStorage : IGrainStorage
{
    private readonly InMemoryGrainStorage _inner = new();

    /// <summary>Failures still to throw before a write or clear reaches storage.</summary>
    public int FailuresBeforeWrite { get; set; }

    /// <summary>Writes and clears still to commit and then report as timed out (outcome unknown to the caller).</summary>
    public int TimeoutsAfterCommit { get; set; }

    /// <summary>Every write and clear fails before reaching storage.</summary>
    public bool RefuseWrites { get; set; }

    public Func<Exception> Failure { get; set; } = () => new TimeoutException("injected: the database did not answer");

    public int WriteAttempts { get; private set; }

    public int CommittedWrites { get; private set; }

    /// <summary>The storage underneath, without faults.</summary>
    public IGrainStorage Inner => _inner;

    public Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default) =>
        _inner.ReadAsync(key, cancellationToken);

    public async Task<string> WriteAsync(GrainStateKey key, string json, string? expectedETag, CancellationToken cancellationToken = default)
    {
        FailBeforeWrite();
        var eTag = await _inner.WriteAsync(key, json, expectedETag, cancellationToken);
        CommittedWrites++;
        FailAfterCommit();
        return eTag;
    }

    public async Task ClearAsync(GrainStateKey key, string? expectedETag, CancellationToken cancellationToken = default)
    {
        FailBeforeWrite();
        await _inner.ClearAsync(key, expectedETag, cancellationToken);
        CommittedWrites++;
        FailAfterCommit();
    }

    private void FailBeforeWrite()
    {
        WriteAttempts++;
        if (RefuseWrites || FailuresBeforeWrite-- > 0)
        {
            throw Failure();
        }
    }

    private void FailAfterCommit()
    {
        if (TimeoutsAfterCommit-- > 0)
        {
            throw new TimeoutException("injected: committed, but the answer was lost");
        }
    }
}
