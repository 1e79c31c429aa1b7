using System.Globalization;
using Rlvr.Training.Allocation;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// Beyond Variance (arXiv 2602.03452): a step's B groups are B/2 pairs of a hard-but-solvable prompt q+ (0 &lt; p^ &lt;=
/// p+max) and an easy-but-brittle one q- (p-min &lt;= p^ &lt; 1), p^ the pass rate of the prompt's latest group; each drawn
/// uniformly without replacement from its set, or, with probability epsilon or when its set is empty, a uniform
/// exploration draw that measures a new p^. One round of G rollouts a slot; Weighted GRPO amplifies q+'s successes and
/// q-'s failures (docs/algorithms.md, Beyond Variance).
/// </summary>
public sealed class BeyondVarianceSelector : IRolloutPlanner
{
    public const string StrategyName = "beyond-variance";

    private readonly TaskCatalog _catalog;
    private readonly BeyondVarianceOptions _options;
    private readonly int _groupSize;
    private readonly Dictionary<string, int> _positions;
    private readonly double[] _passRates;
    private readonly DistinctPromptDraw _draw;
    private readonly List<int> _hard = [];
    private readonly List<int> _easy = [];
    private readonly List<PendingDecision> _pending = [];
    private readonly List<PairRole> _roles = [];
    private BeyondVarianceState _state = new();
    private SlotPlan? _plan;
    private long _pendingStep = -1;

    public BeyondVarianceSelector(TaskCatalog catalog, BeyondVarianceOptions options, int groupSize)
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
        _passRates = new double[pool.Count];
        Array.Fill(_passRates, double.NaN);
        _draw = new DistinctPromptDraw(pool.Count);
    }

    public string Name => StrategyName;

    /// <summary>The roles of the last planned step's slots, in slot order.</summary>
    public IReadOnlyList<PairRole> Roles => _roles;

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
        _hard.Clear();
        _easy.Clear();
        for (var i = 0; i < _passRates.Length; i++)
        {
            var p = _passRates[i];
            if (p > 0 && p <= _options.PPlusMax)
            {
                _hard.Add(i);
            }
            else if (p >= _options.PMinusMin && p < 1)
            {
                _easy.Add(i);
            }
        }
        _draw.Clear();
        _pending.Clear();
        _roles.Clear();
        _pendingStep = stepNumber;
        var slots = new List<TaskPrompt>(groups);
        for (var slot = 0; slot < groups; slot++)
        {
            // The last slot of an odd count has no partner: it explores.
            var paired = slot < groups - groups % 2;
            var role = !paired ? PairRole.Explore : slot % 2 == 0 ? PairRole.HardButSolvable : PairRole.EasyButBrittle;
            var explores = rng.NextDouble() < _options.Exploration;
            var index = -1;
            string reason;
            if (role != PairRole.Explore && !explores)
            {
                index = DrawFrom(role == PairRole.HardButSolvable ? _hard : _easy, rng);
            }
            if (index >= 0)
            {
                reason = role == PairRole.HardButSolvable
                    ? string.Create(CultureInfo.InvariantCulture, $"q+ of pair {slot / 2}: hard but solvable, last p^ {_passRates[index]:0.###} <= {_options.PPlusMax}")
                    : string.Create(CultureInfo.InvariantCulture, $"q- of pair {slot / 2}: easy but brittle, last p^ {_passRates[index]:0.###} >= {_options.PMinusMin}");
            }
            else
            {
                reason = !paired ? "explore: the odd slot has no partner"
                    : explores ? "explore: an exploration draw measures a new p^"
                    : role == PairRole.HardButSolvable ? "explore: no q+ candidate left" : "explore: no q- candidate left";
                role = PairRole.Explore;
                index = _draw.Draw(rng);
            }
            _roles.Add(role);
            slots.Add(pool[index]);
            _pending.Add(new PendingDecision(index, double.IsNaN(_passRates[index]) ? null : _passRates[index], reason));
        }
        _plan = new SlotPlan(slots, _groupSize);
        return _plan.Round();
    }

    public AllocationStep AfterRound(long stepNumber, int round, IReadOnlyList<RolloutGroup> groups, DeterministicRng rng)
    {
        if (_plan is null || _pendingStep != stepNumber || round != 0)
        {
            throw new InvalidOperationException($"beyond-variance has no round {round} of step {stepNumber} open: it rolls out one round per step, after Begin.");
        }
        var slots = _plan.Split(groups);
        return new TrainOn([.. slots.Select((g, i) => WeightedGrpo.Apply(g, _roles[i], _options.LambdaPlus, _options.LambdaMinus))]);
    }

    public void ObserveTraining(long stepNumber, IReadOnlyList<GroupOutcome> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        _state.Ledger.Record(stepNumber, groups);
        var pool = _catalog.TrainingPrompts;
        if (_pendingStep == stepNumber)
        {
            var slots = _pending.CountBy(d => d.Index).ToDictionary(c => c.Key, c => c.Value);
            foreach (var decision in _pending)
            {
                _state.Decisions.Record(pool[decision.Index].Id, pool[decision.Index].Distribution, stepNumber,
                    decision.Predicted, slots[decision.Index] * _groupSize, decision.Reason);
            }
            _pending.Clear();
            _pendingStep = -1;
        }
        foreach (var byPrompt in groups.GroupBy(g => g.PromptId, StringComparer.Ordinal))
        {
            if (_positions.TryGetValue(byPrompt.Key, out var index))
            {
                _passRates[index] = byPrompt.SelectMany(g => g.Rewards).DefaultIfEmpty(double.NaN).Average();
            }
        }
    }

    public CurriculumView View() => new(
        Name,
        [.. _catalog.Distributions.Select(d => new DistributionView(d.Name, null, null, null, _state.Ledger.RolloutsOf(d.Name), _state.Ledger.PassRateOf(d.Name)))],
        _state.Decisions.Views(_state.Ledger));

    public string ExportState()
    {
        var pool = _catalog.TrainingPrompts;
        _state.PassRates = [.. Enumerable.Range(0, pool.Count)
            .Where(i => !double.IsNaN(_passRates[i]))
            .Select(i => new PromptPassRate { PromptId = pool[i].Id, PassRate = _passRates[i] })];
        return CurriculumJson.Serialize(_state);
    }

    public void ImportState(string json)
    {
        var state = CurriculumJson.Deserialize<BeyondVarianceState>(json, Name);
        Array.Fill(_passRates, double.NaN);
        foreach (var entry in state.PassRates)
        {
            if (_positions.TryGetValue(entry.PromptId, out var index))
            {
                _passRates[index] = entry.PassRate;
            }
        }
        _state = state;
        _plan = null;
        _pending.Clear();
        _roles.Clear();
        _pendingStep = -1;
    }

    /// <summary>A uniform draw without replacement from <paramref name="set"/> (pool positions) of a prompt not taken this step; -1 when none is left.</summary>
    private int DrawFrom(List<int> set, DeterministicRng rng)
    {
        while (set.Count > 0)
        {
            var at = rng.NextInt(set.Count);
            var index = set[at];
            set[at] = set[^1];
            set.RemoveAt(set.Count - 1);
            if (!_draw.IsTaken(index))
            {
                _draw.Take(index);
                return index;
            }
        }
        return -1;
    }

    private readonly record struct PendingDecision(int Index, double? Predicted, string Reason);
}

/// <summary>The checkpointed state of <see cref="BeyondVarianceSelector"/>: each observed prompt's latest pass rate, its latest decision, the ledger.</summary>
public sealed class BeyondVarianceState
{
    public List<PromptPassRate> PassRates { get; set; } = [];

    public PromptDecisions Decisions { get; set; } = new();

    public CurriculumLedger Ledger { get; set; } = new();
}

/// <summary>p^: the pass rate of a prompt's latest training group (all of its rollouts in that step).</summary>
public sealed class PromptPassRate
{
    public string PromptId { get; set; } = string.Empty;

    public double PassRate { get; set; }
}
