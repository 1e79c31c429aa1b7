using System.Text;
using Orleans.Storage;
using Rlvr.Storage.Serialization;

namespace Rlvr.Grains.Tests.Ledger;

/// <summary>Grain storage that counts the bytes of the state each write stores (as the providers' JSON); all calls pass through.</summary>
internal sealed class CountingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private long _bytesWritten;

    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        Interlocked.Add(ref _bytesWritten, Encoding.UTF8.GetByteCount(StorageJson.Serialize(grainState.State)));
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
