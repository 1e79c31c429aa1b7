using System.Globalization;
using Rlvr.Training.Allocation;
using Rlvr.Training.Determinism;
using Rlvr.Training.Filters;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// SPEED-RL (docs/algorithms.md, SPEED-RL): each round screens a fresh uniform batch of B_gen prompts with N_init
/// rollouts; a prompt qualifies when its screening rewards are not all equal (0 &lt; p̂ &lt; 1), and qualified prompts are
/// continued with N_cont rollouts in the next round, beside the next screening batch. A prompt's training group is its
/// screening and continuation rollouts merged. Only as many prompts are continued as the step still needs, so no
/// complete group is ever left over; qualified prompts not continued when the batch is complete are dropped at the
/// step's end, never carried, so that no group mixes two policies.
/// </summary>
public sealed class SpeedRlSelector(TaskCatalog catalog, SpeedRlOptions options, bool scaleByStd) : UniformDrawPlanner(catalog)
{
    public const string StrategyName = "speed-rl";

    private readonly List<RolloutGroup> _complete = [];
    private readonly Dictionary<string, RolloutGroup> _screenings = new(StringComparer.Ordinal);
    private readonly Queue<TaskPrompt> _qualified = new();
    private List<TaskPrompt> _continuing = [];
    private IReadOnlyList<TaskPrompt> _screening = [];
    private int _needed;
    private int _batches;
    private int _screened;
    private int _allWrong;
    private int _allRight;

    public override string Name => StrategyName;

    public override AllocationStep AfterRound(long stepNumber, int round, IReadOnlyList<RolloutGroup> groups, DeterministicRng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        CheckRound([.. _continuing, .. _screening], groups, round);
        for (var i = 0; i < _continuing.Count; i++)
        {
            var prompt = _continuing[i];
            var screening = _screenings[prompt.Id];
            _complete.Add(RolloutGroup.Merge([screening, groups[i]], scaleByStd));
            Decide(prompt, screening.Rollouts.Count + groups[i].Rollouts.Count,
                Invariant($"qualified at screening (p̂ = {Fraction(screening)}), continued with {groups[i].Rollouts.Count}"));
        }
        for (var i = 0; i < _screening.Count; i++)
        {
            var prompt = _screening[i];
            var group = groups[_continuing.Count + i];
            _screened++;
            if (Qualifies(group))
            {
                _screenings[prompt.Id] = group;
                _qualified.Enqueue(prompt);
                continue;
            }
            if (group.PassRate < 0.5)
            {
                _allWrong++;
            }
            else
            {
                _allRight++;
            }
            Decide(prompt, group.Rollouts.Count, Invariant($"screened out: p̂ = {Fraction(group)}, no variance"));
        }
        if (_complete.Count == _needed)
        {
            foreach (var prompt in _qualified)
            {
                var screening = _screenings[prompt.Id];
                Decide(prompt, screening.Rollouts.Count, Invariant($"qualified (p̂ = {Fraction(screening)}) but not continued: the batch was complete"));
            }
            return new TrainOn([.. _complete]);
        }
        return NextRound(stepNumber, rng);
    }

    protected override AllocationStep Start(long stepNumber, int groups, DeterministicRng rng)
    {
        _complete.Clear();
        _screenings.Clear();
        _qualified.Clear();
        _continuing = [];
        _screening = [];
        _needed = groups;
        _batches = _screened = _allWrong = _allRight = 0;
        return NextRound(stepNumber, rng);
    }

    /// <summary>Whether a screening group shows variance: its rewards are not all equal.</summary>
    private static bool Qualifies(RolloutGroup group) => group.Rollouts.Any(r => r.Reward != group.Rollouts[0].Reward);

    /// <summary>
    /// Continues as many qualified prompts as the batch still needs and, when those will not complete it, screens a new
    /// batch in the same round; fails the step when that would exceed the cap on screening batches or the pool.
    /// </summary>
    private RollOutRound NextRound(long stepNumber, DeterministicRng rng)
    {
        _continuing = [];
        while (_qualified.Count > 0 && _complete.Count + _continuing.Count < _needed)
        {
            _continuing.Add(_qualified.Dequeue());
        }
        _screening = [];
        if (_complete.Count + _continuing.Count < _needed)
        {
            if (_batches >= options.MaxNumGenBatches || Sampler.Remaining == 0)
            {
                throw new GenerationCapExceededException(DescribeFailure(stepNumber));
            }
            _screening = Sampler.Draw(options.BGen, rng);
            _batches++;
        }
        return new RollOutRound([
            .. _continuing.Select(p => new PromptBudget(p, options.NCont)),
            .. _screening.Select(p => new PromptBudget(p, options.NInit)),
        ]);
    }

    private string DescribeFailure(long stepNumber)
    {
        var limit = _batches >= options.MaxNumGenBatches
            ? Invariant($"after {_batches} screening batches (strategy.speed-rl.max_num_gen_batches)")
            : Invariant($"after screening all {Sampler.PoolSize} prompts of the pool");
        var verdict = _allWrong >= _allRight ? "too hard" : "too easy";
        return Invariant(
            $"step {stepNumber}: {limit} only {_complete.Count + _continuing.Count} of {_needed} prompts qualified (0 < p̂ < 1 over {options.NInit} screening rollouts); ") +
            Invariant($"the data is {verdict} for the policy ({_allWrong} of {_screened} screened prompts all wrong, {_allRight} all right).");
    }

    private static string Fraction(RolloutGroup group) =>
        Invariant($"{group.Rollouts.Sum(r => r.Reward):0.##}/{group.Rollouts.Count}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
