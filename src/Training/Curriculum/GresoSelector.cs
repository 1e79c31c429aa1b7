using System.Globalization;
using Rlvr.Training.Allocation;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// GRESO (arXiv 2506.02177): before rollout, a prompt whose last groups were all correct (or all wrong) is skipped with
/// probability 1 - max(p^z, floor), z the length of that run; candidates are drawn uniformly until a round has its
/// prompts or a cap is reached. p_easy and p_hard tune themselves after each step toward a target share of
/// zero-variance groups. It learns from every generated group (<see cref="IGeneratedGroupObserver"/>), those a dynamic
/// sampling filter drops included, and applies them when the step's training is observed.
/// </summary>
public sealed class GresoSelector : IPromptSelector, IGeneratedGroupObserver
{
    public const string StrategyName = "greso";

    private readonly TaskCatalog _catalog;
    private readonly PromptPositions _positions;
    private readonly GresoOptions _options;
    private readonly int _groupSize;
    private readonly int[] _allCorrectRun;
    private readonly int[] _noneCorrectRun;
    private readonly double[] _lastPassRate;
    private readonly List<(int Position, double PassRate, int Rollouts)> _generated = [];
    private readonly PendingDecisions _pending = new();
    private bool _testedThisStep;
    private double _pEasy;
    private double _pHard;
    private PromptDecisions _decisions = new();
    private CurriculumLedger _ledger = new();

    /// <param name="groupSize">G: the rollouts every chosen prompt gets (what its decision records).</param>
    public GresoSelector(TaskCatalog catalog, GresoOptions options, int groupSize)
    {
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _positions = new PromptPositions(catalog);
        _options = options;
        _groupSize = groupSize;
        _allCorrectRun = new int[_positions.Count];
        _noneCorrectRun = new int[_positions.Count];
        _lastPassRate = new double[_positions.Count];
        Array.Fill(_lastPassRate, double.NaN);
        (_pEasy, _pHard) = (options.PEasy, options.PHard);
    }

    public string Name => StrategyName;

    /// <summary>The current base keep probability after an all-correct group.</summary>
    public double PEasy => _pEasy;

    /// <summary>The current base keep probability after an all-wrong group.</summary>
    public double PHard => _pHard;

    public IReadOnlyList<TaskPrompt> ReferencePrompts(long stepNumber, DeterministicRng rng) => [];

    public void ObserveReference(long stepNumber, IReadOnlyList<GroupOutcome> outcomes)
    {
    }

    public IReadOnlyList<TaskPrompt> SelectPrompts(long stepNumber, int count, DeterministicRng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var pool = _positions.Pool;
        var cap = (int)Math.Min(pool.Count, (long)Math.Max(count, 1) * _options.CandidateFactor);
        var draws = new DistinctDraws(pool.Count);
        var chosen = new List<TaskPrompt>(count);
        var skipped = new List<int>();
        while (chosen.Count < count && pool.Count - draws.Remaining < cap)
        {
            var position = draws.Next(rng);
            var (keep, reason) = Judge(position, rng);
            _pending.Add(pool[position], PredictedPassRate(position), keep ? _groupSize : 0, reason);
            if (keep)
            {
                chosen.Add(pool[position]);
            }
            else
            {
                skipped.Add(position);
            }
        }
        // The cap is reached: the round still rolls out what it asked for, taking skipped candidates in the order drawn.
        foreach (var position in skipped.Take(count - chosen.Count))
        {
            chosen.Add(pool[position]);
            _pending.Add(pool[position], PredictedPassRate(position), _groupSize, string.Create(CultureInfo.InvariantCulture, $"kept: {cap} candidates examined, too few passed"));
        }
        while (chosen.Count < count)
        {
            var position = rng.NextInt(pool.Count);
            chosen.Add(pool[position]);
            _pending.Add(pool[position], PredictedPassRate(position), _groupSize, "kept: the round asks for more prompts than the pool holds");
        }
        return chosen;
    }

    public void ObserveGenerated(long stepNumber, IReadOnlyList<RolloutGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var group in groups)
        {
            var position = _positions.Of(group.PromptId);
            if (position >= 0)
            {
                _generated.Add((position, group.PassRate, group.Rollouts.Count));
            }
        }
    }

    /// <summary>
    /// Ends the step: the traces take every group generated in it, in order; p_easy and p_hard tune themselves to the
    /// step's zero-variance shares once the skip rule had a trace to test; the step's decisions are recorded.
    /// </summary>
    public void ObserveTraining(long stepNumber, IReadOnlyList<GroupOutcome> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        int allCorrect = 0, noneCorrect = 0;
        foreach (var (position, passRate, rollouts) in _generated)
        {
            var easy = GresoSkipRule.IsAllCorrect(passRate, rollouts);
            var hard = GresoSkipRule.IsNoneCorrect(passRate, rollouts);
            _allCorrectRun[position] = easy ? _allCorrectRun[position] + 1 : 0;
            _noneCorrectRun[position] = hard ? _noneCorrectRun[position] + 1 : 0;
            _lastPassRate[position] = passRate;
            allCorrect += easy ? 1 : 0;
            noneCorrect += hard ? 1 : 0;
        }
        if (_testedThisStep && _generated.Count > 0)
        {
            var target = _options.TargetZeroVariance;
            _pEasy = GresoSkipRule.Tune(_pEasy, (double)allCorrect / _generated.Count, target / 3, _options.AdjustStep, _options.PMin, _options.PMax);
            _pHard = GresoSkipRule.Tune(_pHard, (double)noneCorrect / _generated.Count, 2 * target / 3, _options.AdjustStep, _options.PMin, _options.PMax);
        }
        _pending.CommitTo(_decisions, stepNumber);
        _ledger.Record(stepNumber, groups);
        _generated.Clear();
        _testedThisStep = false;
    }

    public CurriculumView View() => new(
        Name,
        [.. _catalog.Distributions.Select(d => new DistributionView(d.Name, null, null, null, _ledger.RolloutsOf(d.Name), _ledger.PassRateOf(d.Name)))],
        _decisions.Views(_ledger));

    public string ExportState()
    {
        var state = new GresoState { PEasy = _pEasy, PHard = _pHard, Decisions = _decisions, Ledger = _ledger };
        for (var i = 0; i < _positions.Count; i++)
        {
            if (!double.IsNaN(_lastPassRate[i]))
            {
                state.Traces[_positions.Pool[i].Id] = new GresoTrace
                {
                    AllCorrectRun = _allCorrectRun[i],
                    NoneCorrectRun = _noneCorrectRun[i],
                    PassRate = _lastPassRate[i],
                };
            }
        }
        return CurriculumJson.Serialize(state);
    }

    public void ImportState(string json)
    {
        var state = CurriculumJson.Deserialize<GresoState>(json, Name);
        Array.Clear(_allCorrectRun);
        Array.Clear(_noneCorrectRun);
        Array.Fill(_lastPassRate, double.NaN);
        foreach (var (id, trace) in state.Traces)
        {
            var position = _positions.OfSaved(id, Name);
            (_allCorrectRun[position], _noneCorrectRun[position], _lastPassRate[position]) = (trace.AllCorrectRun, trace.NoneCorrectRun, trace.PassRate);
        }
        (_pEasy, _pHard, _decisions, _ledger) = (state.PEasy, state.PHard, state.Decisions, state.Ledger);
        _generated.Clear();
        _pending.Clear();
        _testedThisStep = false;
    }

    /// <summary>The paper's pre-rollout test of one candidate: unseen prompts are kept, a run of zero-variance groups is kept with max(p^z, floor).</summary>
    private (bool Keep, string Reason) Judge(int position, DeterministicRng rng)
    {
        if (double.IsNaN(_lastPassRate[position]))
        {
            return (true, "kept: never rolled out");
        }
        _testedThisStep = true;
        var (side, p, run) = _allCorrectRun[position] > 0
            ? ("all correct", _pEasy, _allCorrectRun[position])
            : _noneCorrectRun[position] > 0 ? ("all wrong", _pHard, _noneCorrectRun[position]) : (null, 0.0, 0);
        if (side is null)
        {
            return (true, "kept: its last group had signal");
        }
        var keepProbability = GresoSkipRule.KeepProbability(p, run, _options.KeepFloor);
        var keep = rng.NextDouble() < keepProbability;
        return (keep, string.Create(CultureInfo.InvariantCulture,
            $"{(keep ? "kept" : "skipped")}: {side} in its last {run} group{(run == 1 ? "" : "s")}, keep probability {keepProbability:0.####}"));
    }

    private double? PredictedPassRate(int position) => double.IsNaN(_lastPassRate[position]) ? null : _lastPassRate[position];
}

/// <summary>The checkpointed state of <see cref="GresoSelector"/>: p_easy, p_hard, each rolled-out prompt's trace, the decisions and the ledger.</summary>
public sealed class GresoState
{
    public double PEasy { get; set; }

    public double PHard { get; set; }

    public Dictionary<string, GresoTrace> Traces { get; set; } = new(StringComparer.Ordinal);

    public PromptDecisions Decisions { get; set; } = new();

    public CurriculumLedger Ledger { get; set; } = new();
}

/// <summary>
/// What GRESO keeps of a prompt's reward trace: the lengths of its current runs of all-correct and all-wrong groups (the
/// only use the paper makes of the trace) and its latest pass rate, shown as the prediction.
/// </summary>
public sealed class GresoTrace
{
    public int AllCorrectRun { get; set; }

    public int NoneCorrectRun { get; set; }

    public double PassRate { get; set; }
}
