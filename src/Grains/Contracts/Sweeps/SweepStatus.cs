namespace Rlvr.Grains.Contracts;

/// <summary>A sweep's lifecycle: <see cref="None"/> until created; <see cref="Stopped"/> (by its user) and <see cref="Completed"/> are final.</summary>
public enum SweepStatus
{
    None,
    Running,
    Completed,
    Stopped,
}
