namespace Rlvr.Storage.Checkpoints;

/// <summary>Which committed checkpoints to keep: the last <see cref="KeepLast"/> (at least one), and every sequence divisible by <see cref="KeepEvery"/> (0: none).</summary>
public sealed record CheckpointRetention(int KeepLast, long KeepEvery)
{
    /// <summary>The committed sequences (ascending) this policy lets go.</summary>
    public IEnumerable<long> Expired(IReadOnlyList<long> committedAscending)
    {
        ArgumentNullException.ThrowIfNull(committedAscending);
        var keepFrom = committedAscending.Count - Math.Max(1, KeepLast);
        return committedAscending.Where((sequence, index) => index < keepFrom && !(KeepEvery > 0 && sequence % KeepEvery == 0));
    }
}
