using Orleans.Storage;

namespace Rlvr.Storage.Tests.Resilience;

/// <summary>A real grain storage whose writes fail on command, in the ways a real database fails.</summary>
internal sealed class FaultInjectingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    /// <summary>Failures still to throw before a write or clear reaches storage.</summary>
    public int FailuresBeforeWrite { get; set; }

    /// <summary>Writes and clears still to land and then report as timed out (outcome unknown to the caller).</summary>
    public int TimeoutsAfterCommit { get; set; }

    /// <summary>Every write and clear fails before reaching storage.</summary>
    public bool RefuseWrites { get; set; }

    public Func<Exception> Failure { get; set; } = () => new TimeoutException("injected: the database did not answer");

    public int WriteAttempts { get; private set; }

    public int CommittedWrites { get; private set; }

    /// <summary>The storage underneath, without faults.</summary>
    public IGrainStorage Inner => inner;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        FailBeforeWrite();
        await inner.WriteStateAsync(stateName, grainId, grainState);
        CommittedWrites++;
        FailAfterCommit();
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        FailBeforeWrite();
        await inner.ClearStateAsync(stateName, grainId, grainState);
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
