using Rlvr.Training.Curriculum;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Allocation;

/// <summary>
/// What the planners that draw their prompts uniformly and then decide rollouts by rounds (SPEED-RL, Reinforce-Ada,
/// DARS) share: the step's sampler without replacement, the ledger and per-prompt decisions they export, and the view.
/// A step's decisions are kept aside until the step is observed, so that the exported state changes only at step
/// boundaries and a step driven again from <see cref="Begin"/> (after a crash, from a restored state) decides the same.
/// </summary>
public abstract class UniformDrawPlanner : IRolloutPlanner
{
    private readonly List<(TaskPrompt Prompt, int Rollouts, string Reason)> _pending = [];
    private UniformDrawPlannerState _state = new();

    protected UniformDrawPlanner(TaskCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
        Sampler = new StepPromptSampler(catalog.TrainingPrompts);
    }

    public abstract string Name { get; }

    protected TaskCatalog Catalog { get; }

    protected StepPromptSampler Sampler { get; }

    public AllocationStep Begin(long stepNumber, int groups, DeterministicRng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groups);
        _pending.Clear();
        Sampler.Reset();
        return Start(stepNumber, groups, rng);
    }

    public abstract AllocationStep AfterRound(long stepNumber, int round, IReadOnlyList<RolloutGroup> groups, DeterministicRng rng);

    public void ObserveTraining(long stepNumber, IReadOnlyList<GroupOutcome> groups)
    {
        _state.Ledger.Record(stepNumber, groups);
        foreach (var (prompt, rollouts, reason) in _pending)
        {
            _state.Decisions.Record(prompt.Id, prompt.Distribution, stepNumber, predictedPassRate: null, rollouts, reason);
        }
        _pending.Clear();
    }

    public CurriculumView View()
    {
        var ledger = _state.Ledger;
        var total = (double)Catalog.TrainingPrompts.Count;
        return new CurriculumView(
            Name,
            Catalog.Distributions
                .Select(d => new DistributionView(d.Name, d.Training.Count / total, null, null, ledger.RolloutsOf(d.Name), ledger.PassRateOf(d.Name)))
                .ToList(),
            _state.Decisions.Views(ledger));
    }

    public string ExportState() => CurriculumJson.Serialize(_state);

    public void ImportState(string json) => _state = CurriculumJson.Deserialize<UniformDrawPlannerState>(json, Name);

    /// <summary>The step's first round; the sampler has been reset and earlier decisions of this step forgotten.</summary>
    protected abstract AllocationStep Start(long stepNumber, int groups, DeterministicRng rng);

    /// <summary>Records, for the view once the step is observed, the rollouts the step gave <paramref name="prompt"/> in all and why.</summary>
    protected void Decide(TaskPrompt prompt, int rollouts, string reason) => _pending.Add((prompt, rollouts, reason));

    /// <summary><paramref name="groups"/> distinct prompts of the pool, or an error saying the pool is too small for a step.</summary>
    protected IReadOnlyList<TaskPrompt> DrawDistinct(int groups, DeterministicRng rng)
    {
        if (Sampler.PoolSize < groups)
        {
            throw new InvalidOperationException(
                $"strategy '{Name}' rolls out {groups} distinct prompts a step, but the training pool has only {Sampler.PoolSize}: lower grpo.prompts_per_step or add prompts.");
        }
        return Sampler.Draw(groups, rng);
    }

    /// <summary>The checks that a round's groups are the prompts asked for, in order.</summary>
    protected static void CheckRound(IReadOnlyList<TaskPrompt> asked, IReadOnlyList<RolloutGroup> groups, int round)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count != asked.Count)
        {
            throw new ArgumentException($"round {round} asked for {asked.Count} groups but {groups.Count} were reported.", nameof(groups));
        }
        for (var i = 0; i < asked.Count; i++)
        {
            if (groups[i].PromptId != asked[i].Id)
            {
                throw new ArgumentException($"round {round}: group {i} is of prompt '{groups[i].PromptId}', asked for '{asked[i].Id}'.", nameof(groups));
            }
        }
    }
}

/// <summary>The exported state of a <see cref="UniformDrawPlanner"/>: the training ledger and the latest decision per prompt.</summary>
public sealed class UniformDrawPlannerState
{
    public CurriculumLedger Ledger { get; set; } = new();

    public PromptDecisions Decisions { get; set; } = new();
}
