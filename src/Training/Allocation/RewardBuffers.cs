namespace Rlvr.Training.Allocation;

/// <summary>
/// Knapsack RL's per-prompt reward history, bounded: the last L rewards of each prompt in a ring and the sum and size of
/// its latest group, in arrays indexed by pool position. p^ is the latest group's pass rate when that group has at least L
/// rewards, else the mean of the last L rewards (the paper's pooling of recent rewards), and none with fewer than the minimum.
/// </summary>
public sealed class RewardBuffers
{
    private readonly int _length;
    private readonly double[] _ring;
    private readonly int[] _held;
    private readonly int[] _next;
    private readonly double[] _latestSum;
    private readonly int[] _latestCount;

    public RewardBuffers(int prompts, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        _length = length;
        _ring = new double[prompts * length];
        (_held, _next, _latestSum, _latestCount) = (new int[prompts], new int[prompts], new double[prompts], new int[prompts]);
    }

    public int Count => _held.Length;

    /// <summary>Whether the prompt at <paramref name="position"/> has any reward.</summary>
    public bool HasRewards(int position) => _latestCount[position] > 0;

    /// <summary>Adds a group's rewards, which becomes the prompt's latest group.</summary>
    public void Add(int position, IReadOnlyList<double> rewards)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        if (rewards.Count == 0)
        {
            return;
        }
        var sum = 0.0;
        foreach (var reward in rewards)
        {
            sum += reward;
            _ring[(position * _length) + _next[position]] = reward;
            _next[position] = (_next[position] + 1) % _length;
            _held[position] = Math.Min(_held[position] + 1, _length);
        }
        (_latestSum[position], _latestCount[position]) = (sum, rewards.Count);
    }

    /// <summary>p^ of a prompt, or null when it has fewer than <paramref name="minSamples"/> rewards to go on.</summary>
    public double? Estimate(int position, int minSamples)
    {
        if (_latestCount[position] >= _length)
        {
            return _latestSum[position] / _latestCount[position];
        }
        if (_held[position] == 0 || _held[position] < minSamples)
        {
            return null;
        }
        // Oldest first, as a restored buffer holds them, so that a resumed campaign sums in the same order.
        var held = _held[position];
        var start = held < _length ? 0 : _next[position];
        var sum = 0.0;
        for (var k = 0; k < held; k++)
        {
            sum += _ring[(position * _length) + ((start + k) % _length)];
        }
        return sum / held;
    }

    /// <summary>The prompt's buffered rewards, oldest first.</summary>
    public double[] Rewards(int position)
    {
        var held = _held[position];
        var start = held < _length ? 0 : _next[position];
        var rewards = new double[held];
        for (var k = 0; k < held; k++)
        {
            rewards[k] = _ring[(position * _length) + ((start + k) % _length)];
        }
        return rewards;
    }

    /// <summary>The sum and size of the prompt's latest group.</summary>
    public (double Sum, int Count) Latest(int position) => (_latestSum[position], _latestCount[position]);

    /// <summary>Restores a prompt's buffer from <see cref="Rewards"/> and <see cref="Latest"/>.</summary>
    public void Restore(int position, IReadOnlyList<double> rewards, double latestSum, int latestCount)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        if (rewards.Count > _length || latestCount <= 0)
        {
            throw new InvalidDataException($"a saved reward buffer holds at most {_length} rewards and a latest group of at least one, got {rewards.Count} and {latestCount}.");
        }
        _held[position] = 0;
        _next[position] = 0;
        foreach (var reward in rewards)
        {
            _ring[(position * _length) + _next[position]] = reward;
            _next[position] = (_next[position] + 1) % _length;
            _held[position]++;
        }
        (_latestSum[position], _latestCount[position]) = (latestSum, latestCount);
    }

    public void Clear()
    {
        Array.Clear(_held);
        Array.Clear(_next);
        Array.Clear(_latestSum);
        Array.Clear(_latestCount);
    }
}
