using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// DUMP (Wang et al., 2025): a UCB bandit over distributions. Each distribution keeps the last k |A| of its
/// training rollouts; UCB(d) = mean|A| + c * sqrt(2 ln(n_total + 1) / (n_d + 1)) with n counted per rollout;
/// P = softmax(UCB / tau), uniform until the first update. Each slot draws a distribution from P, then a
/// prompt uniformly from it. Reference and evaluation results never enter the windows.
/// </summary>
public sealed class DumpSelector : IPromptSelector
{
    public const string StrategyName = "dump";

    private readonly TaskCatalog _catalog;
    private readonly DumpOptions _options;
    private DumpState _state;

    public DumpSelector(TaskCatalog catalog, DumpOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _options = options;
        _state = new DumpState();
        foreach (var name in catalog.DistributionNames)
        {
            _state.Arms[name] = new DumpArm { Probability = 1.0 / catalog.Distributions.Count };
        }
    }

    public string Name => StrategyName;

    public IReadOnlyDictionary<string, DumpArm> Arms => _state.Arms;

    public IReadOnlyList<TaskPrompt> ReferencePrompts(long stepNumber, DeterministicRng rng) => [];

    public void ObserveReference(long stepNumber, IReadOnlyList<GroupOutcome> outcomes)
    {
    }

    public IReadOnlyList<TaskPrompt> SelectPrompts(long stepNumber, int count, DeterministicRng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var names = _catalog.DistributionNames;
        var weights = names.Select(n => _state.Arms[n].Probability).ToList();
        var prompts = new List<TaskPrompt>(count);
        for (var slot = 0; slot < count; slot++)
        {
            var pool = _catalog.Get(names[rng.NextWeighted(weights)]).Training;
            prompts.Add(pool[rng.NextInt(pool.Count)]);
        }
        return prompts;
    }

    public void ObserveTraining(long stepNumber, IReadOnlyList<GroupOutcome> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        _state.Ledger.Record(stepNumber, groups);
        foreach (var group in groups)
        {
            var arm = _state.Arms.TryGetValue(group.Distribution, out var a)
                ? a
                : throw new ArgumentException($"unknown distribution '{group.Distribution}'.", nameof(groups));
            arm.Window.AddRange(group.Advantages.Select(Math.Abs));
            arm.Count += group.Advantages.Count;
        }
        foreach (var arm in _state.Arms.Values.Where(a => a.Window.Count > _options.WindowSize))
        {
            arm.Window.RemoveRange(0, arm.Window.Count - _options.WindowSize);
        }
        if (groups.Count > 0)
        {
            Recompute();
        }
    }

    public CurriculumView View() => new(
        Name,
        _catalog.DistributionNames
            .Select(n =>
            {
                var arm = _state.Arms[n];
                return new DistributionView(n, arm.Probability, _state.Updated ? arm.Ucb : null,
                    arm.Window.Count > 0 ? arm.Window.Average() : null, arm.Count, _state.Ledger.PassRateOf(n));
            })
            .ToList(),
        LedgerViews.Prompts(_state.Ledger, predicted: null));

    public string ExportState() => CurriculumJson.Serialize(_state);

    public void ImportState(string json) => _state = CurriculumJson.Deserialize<DumpState>(json, Name);

    private void Recompute()
    {
        var total = _state.Arms.Values.Sum(a => a.Count);
        foreach (var arm in _state.Arms.Values)
        {
            var learnability = arm.Window.Count > 0 ? arm.Window.Average() : 0.0;
            arm.Ucb = learnability + _options.Exploration * Math.Sqrt(2 * Math.Log(total + 1) / (arm.Count + 1));
        }
        var max = _state.Arms.Values.Max(a => a.Ucb);
        var sum = _state.Arms.Values.Sum(a => Math.Exp((a.Ucb - max) / _options.Temperature));
        foreach (var arm in _state.Arms.Values)
        {
            arm.Probability = Math.Exp((arm.Ucb - max) / _options.Temperature) / sum;
        }
        _state.Updated = true;
    }
}

/// <summary>The checkpointed state of <see cref="DumpSelector"/>.</summary>
public sealed class DumpState
{
    public bool Updated { get; set; }

    public Dictionary<string, DumpArm> Arms { get; set; } = [];

    public CurriculumLedger Ledger { get; set; } = new();
}

/// <summary>One distribution's bandit arm: window of |A|, rollout count n_d, last UCB score and probability.</summary>
public sealed class DumpArm
{
    public List<double> Window { get; set; } = [];

    public long Count { get; set; }

    public double Ucb { get; set; }

    public double Probability { get; set; }
}
