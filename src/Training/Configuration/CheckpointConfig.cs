namespace Rlvr.Training.Configuration;

/// <summary>
/// Checkpoints: one every <see cref="Interval"/> steps (and at the first and last step); afterwards the last
/// <see cref="KeepLast"/> are kept, and every checkpoint whose step is a multiple of <see cref="KeepEvery"/> (0: none).
/// A crash costs at most the steps since the last checkpoint, which are recomputed exactly.
/// </summary>
public sealed class CheckpointConfig
{
    public int Interval { get; set; } = 50;

    public int KeepLast { get; set; } = 3;

    public int KeepEvery { get; set; }
}
