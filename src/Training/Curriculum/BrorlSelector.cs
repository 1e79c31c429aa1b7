using System.Globalization;
using Rlvr.Training.Allocation;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// BroRL (Hu et al., arXiv 2510.01180): many rollouts per prompt at the step's usual rollout budget, so fewer prompts.
/// A step of B groups of G rollouts rolls out K = ceil(B / m) prompts with m = round(N / G) slots of G each (N rounded
/// to a multiple of G). The prompts are those whose Beta posterior pass rate makes a group of N most likely to be
/// informative where a group of G would not: gain = P(informative | N) - P(informative | G), drawn by Gumbel top-K on
/// gain / tau. One round; each prompt's group is cut into its slots (docs/algorithms.md, BroRL).
/// </summary>
public sealed class BrorlSelector : IRolloutPlanner
{
    public const string StrategyName = "brorl";

    private readonly TaskCatalog _catalog;
    private readonly BrorlOptions _options;
    private readonly int _groupSize;
    private readonly Dictionary<string, int> _positions;
    private readonly double[] _successes;
    private readonly double[] _failures;
    private readonly double[] _gain;
    private readonly double _unseenGain;
    private BrorlState _state = new();
    private SlotPlan? _plan;
    private readonly List<PendingDecision> _pending = [];
    private long _pendingStep = -1;

    public BrorlSelector(TaskCatalog catalog, BrorlOptions options, int groupSize)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groupSize);
        _catalog = catalog;
        _options = options;
        _groupSize = groupSize;
        var pool = catalog.TrainingPrompts;
        _positions = new Dictionary<string, int>(pool.Count, StringComparer.Ordinal);
        for (var i = 0; i < pool.Count; i++)
        {
            _positions.TryAdd(pool[i].Id, i);
        }
        _successes = new double[pool.Count];
        _failures = new double[pool.Count];
        _gain = new double[pool.Count];
        _unseenGain = Gain(0, 0);
        Array.Fill(_gain, _unseenGain);
    }

    public string Name => StrategyName;

    /// <summary>m: the G-rollout slots a chosen prompt fills, N / G rounded (at least 1).</summary>
    public int SlotsPerPrompt => Math.Max(1, (int)Math.Round((double)_options.N / _groupSize, MidpointRounding.AwayFromZero));

    /// <summary>The posterior mean pass rate (alpha + s) / (alpha + beta + s + f) of the prompt at pool position <paramref name="index"/>.</summary>
    public double PredictedPassRate(int index) =>
        (_options.PriorAlpha + _successes[index]) / (_options.PriorAlpha + _options.PriorBeta + _successes[index] + _failures[index]);

    /// <summary>The gain in the chance of an informative group from N rollouts instead of G, for the prompt at <paramref name="index"/>.</summary>
    public double GainOf(int index) => _gain[index];

    public AllocationStep Begin(long stepNumber, int groups, DeterministicRng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegative(groups);
        if (groups == 0)
        {
            _plan = null;
            return new TrainOn([]);
        }
        var pool = _catalog.TrainingPrompts;
        var m = SlotsPerPrompt;
        var count = Math.Min((groups + m - 1) / m, pool.Count);
        var chosen = TopByGumbel(count, rng);
        var slots = new List<TaskPrompt>(groups);
        _pending.Clear();
        _pendingStep = stepNumber;
        for (var k = 0; k < chosen.Length; k++)
        {
            var index = chosen[k];
            var share = groups / chosen.Length + (k < groups % chosen.Length ? 1 : 0);
            for (var s = 0; s < share; s++)
            {
                slots.Add(pool[index]);
            }
            var n = share * _groupSize;
            _pending.Add(new PendingDecision(index, n, string.Create(CultureInfo.InvariantCulture,
                $"broadened: {n} rollouts; chance of an informative group {Chance(index, _groupSize):0.###} with G = {_groupSize}, {Chance(index, n):0.###} with {n}")));
        }
        _plan = new SlotPlan(slots, _groupSize);
        return _plan.Round();
    }

    public AllocationStep AfterRound(long stepNumber, int round, IReadOnlyList<RolloutGroup> groups, DeterministicRng rng)
    {
        if (_plan is null || _pendingStep != stepNumber || round != 0)
        {
            throw new InvalidOperationException($"brorl has no round {round} of step {stepNumber} open: it rolls out one round per step, after Begin.");
        }
        return new TrainOn(_plan.Split(groups));
    }

    public void ObserveTraining(long stepNumber, IReadOnlyList<GroupOutcome> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        _state.Ledger.Record(stepNumber, groups);
        if (_pendingStep == stepNumber)
        {
            var pool = _catalog.TrainingPrompts;
            foreach (var decision in _pending)
            {
                _state.Decisions.Record(pool[decision.Index].Id, pool[decision.Index].Distribution, stepNumber,
                    PredictedPassRate(decision.Index), decision.Rollouts, decision.Reason);
            }
            _pending.Clear();
            _pendingStep = -1;
        }
        // A prompt cut into several training groups is one observation: its counts decay once.
        foreach (var byPrompt in groups.GroupBy(g => g.PromptId, StringComparer.Ordinal))
        {
            if (!_positions.TryGetValue(byPrompt.Key, out var index))
            {
                continue;
            }
            var rewards = byPrompt.SelectMany(g => g.Rewards).ToList();
            var successes = rewards.Sum();
            _successes[index] = _options.Decay * _successes[index] + successes;
            _failures[index] = _options.Decay * _failures[index] + (rewards.Count - successes);
            _gain[index] = Gain(_successes[index], _failures[index]);
        }
    }

    public CurriculumView View() => new(
        Name,
        [.. _catalog.Distributions.Select(d => new DistributionView(d.Name, null, null, null, _state.Ledger.RolloutsOf(d.Name), _state.Ledger.PassRateOf(d.Name)))],
        _state.Decisions.Views(_state.Ledger));

    public string ExportState()
    {
        var pool = _catalog.TrainingPrompts;
        _state.Counts = [.. Enumerable.Range(0, pool.Count)
            .Where(i => _successes[i] + _failures[i] > 0)
            .Select(i => new BrorlPromptCounts { PromptId = pool[i].Id, Successes = _successes[i], Failures = _failures[i] })];
        return CurriculumJson.Serialize(_state);
    }

    public void ImportState(string json)
    {
        var state = CurriculumJson.Deserialize<BrorlState>(json, Name);
        Array.Clear(_successes);
        Array.Clear(_failures);
        Array.Fill(_gain, _unseenGain);
        foreach (var counts in state.Counts)
        {
            if (_positions.TryGetValue(counts.PromptId, out var index))
            {
                _successes[index] = counts.Successes;
                _failures[index] = counts.Failures;
                _gain[index] = Gain(counts.Successes, counts.Failures);
            }
        }
        _state = state;
        _plan = null;
        _pending.Clear();
        _pendingStep = -1;
    }

    private double Chance(int index, int n) =>
        InformativeGroupChance.Of(_options.PriorAlpha + _successes[index], _options.PriorBeta + _failures[index], n);

    private double Gain(double successes, double failures)
    {
        var (a, b) = (_options.PriorAlpha + successes, _options.PriorBeta + failures);
        return InformativeGroupChance.Of(a, b, SlotsPerPrompt * _groupSize) - InformativeGroupChance.Of(a, b, _groupSize);
    }

    /// <summary>
    /// <paramref name="count"/> pool positions drawn without replacement with probability proportional to exp(gain / tau):
    /// the largest keys gain / tau + Gumbel noise, one draw per position in pool order, best first.
    /// </summary>
    private int[] TopByGumbel(int count, DeterministicRng rng)
    {
        var keys = new double[count];
        var indices = new int[count];
        var filled = 0;
        for (var i = 0; i < _gain.Length; i++)
        {
            var key = _gain[i] / _options.Temperature + rng.NextGumbel();
            if (filled == count && key <= keys[count - 1])
            {
                continue;
            }
            var at = filled < count ? filled++ : count - 1;
            while (at > 0 && keys[at - 1] < key)
            {
                keys[at] = keys[at - 1];
                indices[at] = indices[at - 1];
                at--;
            }
            keys[at] = key;
            indices[at] = i;
        }
        return indices;
    }

    private readonly record struct PendingDecision(int Index, int Rollouts, string Reason);
}

/// <summary>The checkpointed state of <see cref="BrorlSelector"/>: each observed prompt's decayed counts, its latest decision, the ledger.</summary>
public sealed class BrorlState
{
    public List<BrorlPromptCounts> Counts { get; set; } = [];

    public PromptDecisions Decisions { get; set; } = new();

    public CurriculumLedger Ledger { get; set; } = new();
}

/// <summary>A prompt's successes s and failures f, each multiplied by gamma when the prompt is observed again.</summary>
public sealed class BrorlPromptCounts
{
    public string PromptId { get; set; } = string.Empty;

    public double Successes { get; set; }

    public double Failures { get; set; }
}
