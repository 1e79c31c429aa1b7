namespace Rlvr.Storage;

/// <summary>
/// JSON state records under (grain type, grain key, state name), guarded by ETags: the part of a grain storage
/// provider that differs between databases (<see cref="JsonGrainStorage"/> is the Orleans provider over it).
/// </summary>
public interface IGrainStateStore
{
    /// <summary>The stored record, or null when nothing is stored.</summary>
    Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="json"/> when the stored ETag equals <paramref name="expectedETag"/> (null: nothing stored
    /// yet) and returns the new ETag; otherwise throws Orleans' <see cref="Orleans.Storage.InconsistentStateException"/>.
    /// </summary>
    Task<string> WriteAsync(GrainStateKey key, string json, string? expectedETag, CancellationToken cancellationToken = default);

    /// <summary>Removes the record under the same ETag rule as <see cref="WriteAsync"/>.</summary>
    Task ClearAsync(GrainStateKey key, string? expectedETag, CancellationToken cancellationToken = default);
}
