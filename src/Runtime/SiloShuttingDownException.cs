namespace Rlvr.Runtime;

/// <summary>
/// A call needed a new activation while the silo shuts down: it gets none here, so that work in flight stops instead of
/// running on against grains that restart from their stored state. The grain's next activation, after the silo is back,
/// picks the work up.
/// </summary>
public sealed class SiloShuttingDownException(GrainId grain)
    : InvalidOperationException($"the silo is shutting down: no new activation of {grain}");
