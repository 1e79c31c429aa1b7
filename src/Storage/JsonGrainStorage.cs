using System.Text.Json;
using Orleans.Runtime;
using Orleans.Storage;

namespace Rlvr.Storage;

/// <summary>
/// An Orleans grain storage provider over a <see cref="IGrainStateStore"/>: states as System.Text.Json text, readable in
/// the database, keyed by the grain's type and key as Orleans names them.
/// </summary>
public sealed class JsonGrainStorage(IGrainStateStore store) : IGrainStorage
{
    private static readonly JsonSerializerOptions Json = new();

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var record = await store.ReadAsync(Key(stateName, grainId));
        grainState.State = record is null ? Activator.CreateInstance<T>() : JsonSerializer.Deserialize<T>(record.Json, Json)!;
        grainState.ETag = record?.ETag;
        grainState.RecordExists = record is not null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        grainState.ETag = await store.WriteAsync(
            Key(stateName, grainId), JsonSerializer.Serialize(grainState.State, Json), grainState.ETag);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await store.ClearAsync(Key(stateName, grainId), grainState.ETag);
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static GrainStateKey Key(string stateName, GrainId grainId) =>
        new(grainId.Type.ToString()!, grainId.Key.ToString()!, stateName);
}
