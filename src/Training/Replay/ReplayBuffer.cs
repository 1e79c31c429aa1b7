using Rlvr.Training.Curriculum;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;

namespace Rlvr.Training.Replay;

/// <summary>
/// A FIFO of recent informative groups (0 &lt; p &lt; 1), newest group per prompt, at most C groups, each
/// with its tokens, advantages, behavior log-probs and policy version. A step draws (1 - delta) * B groups
/// uniformly; drawn groups stay in the buffer, counting their draws (<see cref="RolloutGroup.Replays"/>: the learner
/// scales a group's step by it), and can be drawn again in later steps. Within one draw the groups are distinct; when
/// fewer are eligible the caller fills the batch with fresh groups.
/// </summary>
public sealed class ReplayBuffer
{
    private readonly ReplayOptions _options;
    private ReplayBufferState _state = new();

    public ReplayBuffer(ReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxStaleness);
        if (!(options.FreshFraction >= 0 && options.FreshFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.FreshFraction, "the fresh fraction must be in [0, 1].");
        }
        _options = options;
    }

    /// <summary>Stored groups, oldest first.</summary>
    public IReadOnlyList<RolloutGroup> Groups => _state.Groups;

    public long Admitted => _state.Admitted;

    public long Replayed => _state.Replayed;

    /// <summary>(1 - delta) * B, rounded down: the replayed share of a batch of B.</summary>
    public int ReplayShare(int batchSize) => (int)Math.Floor((1 - _options.FreshFraction) * batchSize);

    /// <summary>Admits the informative groups; an older group of the same prompt is replaced; the oldest leave beyond C.</summary>
    public void Add(IEnumerable<RolloutGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var group in groups)
        {
            var p = group.PassRate;
            if (!(p > 0 && p < 1))
            {
                continue;
            }
            _state.Groups.RemoveAll(g => g.PromptId == group.PromptId);
            _state.Groups.Add(group);
            _state.Admitted++;
        }
        if (_state.Groups.Count > _options.Capacity)
        {
            _state.Groups.RemoveRange(0, _state.Groups.Count - _options.Capacity);
        }
    }

    /// <summary>
    /// Draws up to (1 - delta) * B distinct groups generated at most N versions before <paramref name="policyVersion"/>;
    /// groups past the bound can never become eligible again and are dropped.
    /// </summary>
    public IReadOnlyList<RolloutGroup> Draw(int batchSize, long policyVersion, DeterministicRng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        _state.Groups.RemoveAll(g => policyVersion - g.PolicyVersion > _options.MaxStaleness);
        var eligible = _state.Groups.ToList();
        var count = Math.Min(ReplayShare(batchSize), eligible.Count);
        for (var i = 0; i < count; i++)
        {
            var j = rng.NextInt(i, eligible.Count);
            (eligible[i], eligible[j]) = (eligible[j], eligible[i]);
        }
        var drawn = eligible.Take(count).Select(g => g with { Replays = g.Replays + 1 }).ToList();
        foreach (var group in drawn)
        {
            _state.Groups[_state.Groups.FindIndex(g => g.PromptId == group.PromptId)] = group;
        }
        _state.Replayed += count;
        return drawn;
    }

    public string ExportState() => CurriculumJson.Serialize(_state);

    public void ImportState(string json) => _state = CurriculumJson.Deserialize<ReplayBufferState>(json, "replay buffer");
}

/// <summary>The checkpointed state of <see cref="ReplayBuffer"/>.</summary>
public sealed class ReplayBufferState
{
    public List<RolloutGroup> Groups { get; set; } = [];

    public long Admitted { get; set; }

    public long Replayed { get; set; }
}
