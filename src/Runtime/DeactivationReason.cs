namespace Rlvr.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>Idle for longer than the collection age.</summary>
    Idle,

    /// <summary>The grain asked for it (<see cref="Grain.DeactivateOnIdle"/>).</summary>
    Requested,

    /// <summary>A state write met a stale ETag; the next activation reloads state.</summary>
    InconsistentState,

    /// <summary>The silo is shutting down.</summary>
    Shutdown,
}
