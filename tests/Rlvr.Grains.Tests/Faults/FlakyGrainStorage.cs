using Orleans.Storage;

namespace Rlvr.Grains.Tests.Faults;

/// <summary>Grain storage whose writes and clears fail as <see cref="FlakyStorageFaults"/> decides; reads pass through.</summary>
internal sealed class FlakyGrainStorage(IGrainStorage inner, FlakyStorageFaults faults) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.BeforeWrite($"write of {grainId}#{stateName}");
        await inner.WriteStateAsync(stateName, grainId, grainState);
        faults.AfterCommit($"write of {grainId}#{stateName}");
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.BeforeWrite($"clear of {grainId}#{stateName}");
        await inner.ClearStateAsync(stateName, grainId, grainState);
        faults.AfterCommit($"clear of {grainId}#{stateName}");
    }
}
