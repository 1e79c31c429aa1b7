namespace Rlvr.Runtime.Storage;

/// <summary>
/// A grain storage provider: JSON state records under (grain type, grain key, state name), guarded by ETags.
/// Registered as a keyed singleton under the provider's name.
/// </summary>
public interface IGrainStorage
{
    /// <summary>The stored record, or null when nothing is stored.</summary>
    Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="json"/> when the stored ETag equals <paramref name="expectedETag"/>
    /// (null: nothing stored yet) and returns the new ETag; otherwise throws <see cref="InconsistentStateException"/>.
    /// </summary>
    Task<string> WriteAsync(GrainStateKey key, string json, string? expectedETag, CancellationToken cancellationToken = default);

    /// <summary>Removes the record under the same ETag rule as <see cref="WriteAsync"/>.</summary>
    Task ClearAsync(GrainStateKey key, string? expectedETag, CancellationToken cancellationToken = default);
}
