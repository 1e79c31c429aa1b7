using Rlvr.Training.Determinism;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Allocation;

/// <summary>
/// Draws prompts uniformly from the pool without replacement within one step, so that no prompt is rolled out twice in a
/// step's rounds unless a planner continues it on purpose. The drawn marks live in an array indexed by pool position,
/// allocated once, and a step's reset clears only the positions it drew: a draw costs O(prompts drawn), not O(pool).
/// </summary>
public sealed class StepPromptSampler
{
    private readonly IReadOnlyList<TaskPrompt> _pool;
    private readonly bool[] _drawn;
    private readonly List<int> _drawnPositions = [];

    public StepPromptSampler(IReadOnlyList<TaskPrompt> pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        _pool = pool;
        _drawn = new bool[pool.Count];
    }

    public int PoolSize => _pool.Count;

    /// <summary>Prompts not drawn yet this step.</summary>
    public int Remaining => _pool.Count - _drawnPositions.Count;

    /// <summary>Starts a step: every prompt may be drawn again.</summary>
    public void Reset()
    {
        foreach (var position in _drawnPositions)
        {
            _drawn[position] = false;
        }
        _drawnPositions.Clear();
    }

    /// <summary>Up to <paramref name="count"/> prompts not drawn yet this step, uniformly (fewer when fewer remain).</summary>
    public IReadOnlyList<TaskPrompt> Draw(int count, DeterministicRng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        count = Math.Min(count, Remaining);
        var drawn = new List<TaskPrompt>(count);
        if (count == 0)
        {
            return drawn;
        }
        if (_drawnPositions.Count + count <= _pool.Count / 2)
        {
            // At most half the pool is ever marked here, so each try succeeds with probability at least 1/2.
            while (drawn.Count < count)
            {
                var position = rng.NextInt(_pool.Count);
                if (!_drawn[position])
                {
                    Mark(position, drawn);
                }
            }
            return drawn;
        }
        var undrawn = new List<int>(Remaining);
        for (var position = 0; position < _pool.Count; position++)
        {
            if (!_drawn[position])
            {
                undrawn.Add(position);
            }
        }
        for (var i = 0; i < count; i++)
        {
            var j = rng.NextInt(i, undrawn.Count);
            (undrawn[i], undrawn[j]) = (undrawn[j], undrawn[i]);
            Mark(undrawn[i], drawn);
        }
        return drawn;
    }

    private void Mark(int position, List<TaskPrompt> drawn)
    {
        _drawn[position] = true;
        _drawnPositions.Add(position);
        drawn.Add(_pool[position]);
    }
}
