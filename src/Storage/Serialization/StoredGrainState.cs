namespace Rlvr.Storage.Serialization;

/// <summary>Applies a read's outcome to Orleans' <see cref="IGrainState{T}"/>: the stored JSON and ETag, or a fresh state.</summary>
internal static class StoredGrainState
{
    public static void Apply<T>(IGrainState<T> grainState, string? json, string? eTag)
    {
        if (json is null)
        {
            SetMissing(grainState);
            return;
        }

        grainState.State = StorageJson.Deserialize<T>(json) ?? FreshState<T>.Create(grainState.State);
        grainState.ETag = eTag;
        grainState.RecordExists = true;
    }

    public static void SetMissing<T>(IGrainState<T> grainState)
    {
        grainState.State = FreshState<T>.Create(grainState.State);
        grainState.ETag = null;
        grainState.RecordExists = false;
    }
}
