using System.Globalization;
using Rlvr.Training.Allocation;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// PuzzleCraft (arXiv 2512.14944): groups weighed by difficulty and exploration. A step draws its B prompts uniformly
/// without replacement and rolls each out with G rollouts in one round; each group's advantages are then multiplied by
/// <see cref="ExplorationWeight"/> of its pass rate and its <see cref="AnswerDispersion"/>, so that groups collapsed onto one
/// answer, easy ones most, move the policy less (docs/algorithms.md, PuzzleCraft).
/// </summary>
public sealed class PuzzleCraftSelector : IRolloutPlanner
{
    public const string StrategyName = "puzzlecraft";

    private readonly TaskCatalog _catalog;
    private readonly PuzzleCraftOptions _options;
    private readonly int _groupSize;
    private readonly DistinctPromptDraw _draw;
    private readonly Dictionary<string, string> _reasons = new(StringComparer.Ordinal);
    private PuzzleCraftState _state = new();
    private SlotPlan? _plan;
    private long _planStep = -1;

    public PuzzleCraftSelector(TaskCatalog catalog, PuzzleCraftOptions options, int groupSize)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groupSize);
        _catalog = catalog;
        _options = options;
        _groupSize = groupSize;
        _draw = new DistinctPromptDraw(catalog.TrainingPrompts.Count);
    }

    public string Name => StrategyName;

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
        _draw.Clear();
        _reasons.Clear();
        _plan = new SlotPlan([.. Enumerable.Range(0, groups).Select(_ => pool[_draw.Draw(rng)])], _groupSize);
        _planStep = stepNumber;
        return _plan.Round();
    }

    public AllocationStep AfterRound(long stepNumber, int round, IReadOnlyList<RolloutGroup> groups, DeterministicRng rng)
    {
        if (_plan is null || _planStep != stepNumber || round != 0)
        {
            throw new InvalidOperationException($"puzzlecraft has no round {round} of step {stepNumber} open: it rolls out one round per step, after Begin.");
        }
        return new TrainOn(_plan.Split(groups, Weigh));
    }

    /// <summary>The group with its advantages multiplied by its weight, computed over all of the prompt's rollouts of the step.</summary>
    public RolloutGroup Weigh(RolloutGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var passRate = group.PassRate;
        var dispersion = AnswerDispersion.Of(_catalog.GetPrompt(group.PromptId), group.Rollouts);
        var weight = ExplorationWeight.Of(passRate, dispersion, _options.DownWeight, _options.DifficultyShare);
        _reasons[group.PromptId] = string.Create(CultureInfo.InvariantCulture,
            $"uniform draw; advantages x {weight:0.###} (pass rate {passRate:0.###}, answer dispersion {dispersion:0.###})");
        return group.WithAdvantages([.. group.Rollouts.Select(r => weight * r.Advantage)]);
    }

    public void ObserveTraining(long stepNumber, IReadOnlyList<GroupOutcome> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        _state.Ledger.Record(stepNumber, groups);
        if (_planStep != stepNumber || _plan is null)
        {
            return;
        }
        foreach (var (prompt, slots) in _plan.SlotPrompts.CountBy(p => p.Id).Select(c => (_catalog.GetPrompt(c.Key), c.Value)))
        {
            _state.Decisions.Record(prompt.Id, prompt.Distribution, stepNumber, null, slots * _groupSize,
                _reasons.GetValueOrDefault(prompt.Id, "uniform draw"));
        }
        _planStep = -1;
    }

    public CurriculumView View() => new(
        Name,
        [.. _catalog.Distributions.Select(d => new DistributionView(d.Name, null, null, null, _state.Ledger.RolloutsOf(d.Name), _state.Ledger.PassRateOf(d.Name)))],
        _state.Decisions.Views(_state.Ledger));

    public string ExportState() => CurriculumJson.Serialize(_state);

    public void ImportState(string json)
    {
        _state = CurriculumJson.Deserialize<PuzzleCraftState>(json, Name);
        _plan = null;
        _planStep = -1;
        _reasons.Clear();
    }
}

/// <summary>The checkpointed state of <see cref="PuzzleCraftSelector"/>: each prompt's latest decision (its weight and why) and the ledger.</summary>
public sealed class PuzzleCraftState
{
    public PromptDecisions Decisions { get; set; } = new();

    public CurriculumLedger Ledger { get; set; } = new();
}
