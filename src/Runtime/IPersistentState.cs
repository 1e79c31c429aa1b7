namespace Rlvr.Runtime;

/// <summary>
/// One named state of a grain, loaded before <see cref="Grain.OnActivateAsync"/>. Changing <see cref="State"/> changes
/// memory only: the grain saves explicitly with <see cref="WriteStateAsync"/>; nothing is saved on deactivation.
/// </summary>
public interface IPersistentState<TState>
{
    TState State { get; set; }

    /// <summary>The ETag of the stored record this activation last read or wrote; null when none is stored.</summary>
    string? ETag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <see cref="State"/>. Throws <see cref="Storage.InconsistentStateException"/> when storage holds a newer
    /// record; the activation is then dropped after the current call, so the next call reloads.
    /// </summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the stored record (same ETag rule) and resets <see cref="State"/> to a new instance.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
