using Rlvr.Training.Determinism;

namespace Rlvr.Training.Allocation;

/// <summary>
/// Uniform draws of pool positions that avoid positions already taken this step, by rejection: no per-step allocation,
/// and a pool smaller than a step's slots gives repeats instead of failing (<see cref="SlotPlan"/> merges them).
/// </summary>
public sealed class DistinctPromptDraw(int poolSize)
{
    private const int Attempts = 64;

    private readonly bool[] _taken = new bool[poolSize];
    private readonly List<int> _takenList = [];

    public bool IsTaken(int index) => _taken[index];

    public void Take(int index)
    {
        if (!_taken[index])
        {
            _taken[index] = true;
            _takenList.Add(index);
        }
    }

    /// <summary>A uniformly drawn position not taken yet (after <see cref="Attempts"/> misses, any), marked taken.</summary>
    public int Draw(DeterministicRng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var index = rng.NextInt(_taken.Length);
        for (var attempt = 1; attempt < Attempts && _taken[index]; attempt++)
        {
            index = rng.NextInt(_taken.Length);
        }
        Take(index);
        return index;
    }

    /// <summary>Forgets this step's positions.</summary>
    public void Clear()
    {
        foreach (var index in _takenList)
        {
            _taken[index] = false;
        }
        _takenList.Clear();
    }
}
