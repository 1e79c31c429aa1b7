using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Curriculum;

/// <summary>Every training prompt equally likely, drawn with replacement: the baseline.</summary>
public sealed class UniformSelector(TaskCatalog catalog) : IPromptSelector
{
    public const string StrategyName = "uniform";

    private CurriculumLedger _ledger = new();

    public string Name => StrategyName;

    public IReadOnlyList<TaskPrompt> ReferencePrompts(long stepNumber, DeterministicRng rng) => [];

    public void ObserveReference(long stepNumber, IReadOnlyList<GroupOutcome> outcomes)
    {
    }

    public IReadOnlyList<TaskPrompt> SelectPrompts(long stepNumber, int count, DeterministicRng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var pool = catalog.TrainingPrompts;
        return Enumerable.Range(0, count).Select(_ => pool[rng.NextInt(pool.Count)]).ToList();
    }

    public void ObserveTraining(long stepNumber, IReadOnlyList<GroupOutcome> groups) => _ledger.Record(stepNumber, groups);

    public CurriculumView View()
    {
        var total = (double)catalog.TrainingPrompts.Count;
        return new CurriculumView(
            Name,
            catalog.Distributions
                .Select(d => new DistributionView(d.Name, d.Training.Count / total, null, null, _ledger.RolloutsOf(d.Name), _ledger.PassRateOf(d.Name)))
                .ToList(),
            LedgerViews.Prompts(_ledger, predicted: null));
    }

    public string ExportState() => CurriculumJson.Serialize(_ledger);

    public void ImportState(string json) => _ledger = CurriculumJson.Deserialize<CurriculumLedger>(json, Name);
}
