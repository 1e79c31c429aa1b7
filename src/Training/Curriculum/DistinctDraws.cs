using Rlvr.Training.Determinism;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// Uniform draws without replacement from positions 0..n-1: a Fisher-Yates shuffle whose swapped slots live in a
/// dictionary, so k draws cost O(k) time and memory whatever n is (a step with a 100k-prompt pool allocates nothing of its size).
/// </summary>
public sealed class DistinctDraws(int count)
{
    private readonly Dictionary<int, int> _swapped = [];
    private int _drawn;

    /// <summary>Positions not yet drawn.</summary>
    public int Remaining => count - _drawn;

    public int Next(DeterministicRng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (_drawn >= count)
        {
            throw new InvalidOperationException($"all {count} positions have been drawn.");
        }
        var slot = _drawn + rng.NextInt(count - _drawn);
        var position = At(slot);
        _swapped[slot] = At(_drawn);
        _drawn++;
        return position;
    }

    private int At(int slot) => _swapped.TryGetValue(slot, out var position) ? position : slot;
}
