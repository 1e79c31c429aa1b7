using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// Prioritised by failure (Kimi k1.5): P(q) proportional to max(1 - s_q, floor), s_q the tracked success
/// rate of q (0 for unseen prompts, so they come first); drawn with replacement.
/// </summary>
public sealed class PrioritizedSelector(TaskCatalog catalog, PrioritizedOptions options) : IPromptSelector
{
    public const string StrategyName = "prioritized";

    private PrioritizedState _state = new();

    public string Name => StrategyName;

    public IReadOnlyList<TaskPrompt> ReferencePrompts(long stepNumber, DeterministicRng rng) => [];

    public void ObserveReference(long stepNumber, IReadOnlyList<GroupOutcome> outcomes)
    {
    }

    /// <summary>The unnormalised weight max(1 - s_q, floor) of a prompt.</summary>
    public double WeightOf(string promptId) =>
        Math.Max(1 - (_state.SuccessRates.TryGetValue(promptId, out var s) ? s : 0.0), options.Floor);

    public IReadOnlyList<TaskPrompt> SelectPrompts(long stepNumber, int count, DeterministicRng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var pool = catalog.TrainingPrompts;
        var cumulative = new double[pool.Count];
        var total = 0.0;
        for (var i = 0; i < pool.Count; i++)
        {
            total += WeightOf(pool[i].Id);
            cumulative[i] = total;
        }
        var prompts = new List<TaskPrompt>(count);
        for (var slot = 0; slot < count; slot++)
        {
            var index = Array.BinarySearch(cumulative, rng.NextDouble() * total);
            index = index < 0 ? ~index : index + 1;
            prompts.Add(pool[Math.Min(index, pool.Count - 1)]);
        }
        return prompts;
    }

    public void ObserveTraining(long stepNumber, IReadOnlyList<GroupOutcome> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        _state.Ledger.Record(stepNumber, groups);
        foreach (var group in groups)
        {
            _state.SuccessRates[group.PromptId] = _state.SuccessRates.TryGetValue(group.PromptId, out var s)
                ? (1 - options.Smoothing) * s + options.Smoothing * group.PassRate
                : group.PassRate;
        }
    }

    public CurriculumView View()
    {
        var total = catalog.TrainingPrompts.Sum(p => WeightOf(p.Id));
        return new CurriculumView(
            Name,
            catalog.Distributions
                .Select(d => new DistributionView(d.Name, d.Training.Sum(p => WeightOf(p.Id)) / total, null, null,
                    _state.Ledger.RolloutsOf(d.Name), _state.Ledger.PassRateOf(d.Name)))
                .ToList(),
            LedgerViews.Prompts(_state.Ledger, predicted: null));
    }

    public string ExportState() => CurriculumJson.Serialize(_state);

    public void ImportState(string json) => _state = CurriculumJson.Deserialize<PrioritizedState>(json, Name);
}

/// <summary>The checkpointed state of <see cref="PrioritizedSelector"/>.</summary>
public sealed class PrioritizedState
{
    public Dictionary<string, double> SuccessRates { get; set; } = [];

    public CurriculumLedger Ledger { get; set; } = new();
}
