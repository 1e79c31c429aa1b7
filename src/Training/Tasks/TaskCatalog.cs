using Rlvr.Training.Determinism;

namespace Rlvr.Training.Tasks;

/// <summary>Every distribution of a campaign with its training and evaluation prompts, and lookups by id.</summary>
public sealed class TaskCatalog
{
    private readonly Dictionary<string, DistributionPool> _byName;
    private readonly Dictionary<string, TaskPrompt> _byId = new(StringComparer.Ordinal);

    public TaskCatalog(IReadOnlyList<DistributionPool> distributions)
    {
        ArgumentNullException.ThrowIfNull(distributions);
        Distributions = distributions;
        _byName = new Dictionary<string, DistributionPool>(StringComparer.Ordinal);
        foreach (var pool in distributions)
        {
            if (pool.Training.Count == 0)
            {
                throw new ArgumentException($"distribution '{pool.Name}' has no training prompts.", nameof(distributions));
            }
            if (!_byName.TryAdd(pool.Name, pool))
            {
                throw new ArgumentException($"distribution '{pool.Name}' appears twice.", nameof(distributions));
            }
            foreach (var prompt in pool.Training.Concat(pool.Evaluation))
            {
                _byId[prompt.Id] = prompt;
            }
        }
        TrainingPrompts = distributions.SelectMany(d => d.Training).ToList();
    }

    public IReadOnlyList<DistributionPool> Distributions { get; }

    public IReadOnlyList<string> DistributionNames => Distributions.Select(d => d.Name).ToList();

    /// <summary>All training prompts, distribution by distribution, in a fixed order.</summary>
    public IReadOnlyList<TaskPrompt> TrainingPrompts { get; }

    public bool Contains(string distribution) => _byName.ContainsKey(distribution);

    public DistributionPool Get(string distribution) =>
        _byName.TryGetValue(distribution, out var pool)
            ? pool
            : throw new KeyNotFoundException(
                $"unknown distribution '{distribution}'; known: {string.Join(", ", DistributionNames)}.");

    public TaskPrompt GetPrompt(string promptId) =>
        _byId.TryGetValue(promptId, out var prompt) ? prompt : throw new KeyNotFoundException($"unknown prompt id '{promptId}'.");

    /// <summary>Generates the given built-in distributions ("family/level") deterministically from the seed.</summary>
    public static TaskCatalog Generate(IEnumerable<(ITaskFamily Family, int Level)> levels, BuiltInTaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(options);
        var split = new EvaluationSplit(options.Seed, options.EvaluationFraction);
        var pools = new List<DistributionPool>();
        foreach (var (family, level) in levels)
        {
            var name = TaskFamilies.DistributionName(family.Name, level);
            var evaluation = Draw(family, level, name, options.EvaluationSize, heldOut: true, split, options.Seed);
            var training = Draw(family, level, name, options.PoolSize, heldOut: false, split, options.Seed);
            pools.Add(new DistributionPool(name, training, evaluation));
        }
        return new TaskCatalog(pools);
    }

    /// <summary>Groups dataset prompts by distribution and holds out, per distribution, up to the evaluation size.</summary>
    public static TaskCatalog FromDataset(IReadOnlyList<TaskPrompt> prompts, ulong seed, int evaluationSize, double evaluationFraction)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var split = new EvaluationSplit(seed, evaluationFraction);
        var pools = prompts
            .GroupBy(p => p.Distribution, StringComparer.Ordinal)
            .Select(g => new DistributionPool(
                g.Key,
                g.Where(p => !split.IsHeldOut(p.Text)).ToList(),
                g.Where(p => split.IsHeldOut(p.Text)).Take(evaluationSize).ToList()))
            .ToList();
        return new TaskCatalog(pools);
    }

    private static List<TaskPrompt> Draw(
        ITaskFamily family, int level, string name, int count, bool heldOut, EvaluationSplit split, ulong seed)
    {
        var rng = RngFactory.Create(seed, 0, $"tasks/{(heldOut ? "evaluation" : "training")}/{name}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var prompts = new List<TaskPrompt>(count);
        // Only a fraction of draws land in the wanted partition; scale the budget so small spaces still fill.
        var share = heldOut ? split.Fraction : 1 - split.Fraction;
        var budget = (long)Math.Ceiling(count * BuiltInTaskOptions.DrawsPerPrompt / share);
        for (long draw = 0; draw < budget && prompts.Count < count; draw++)
        {
            var task = family.Generate(level, rng);
            if (split.IsHeldOut(task.Prompt) == heldOut && seen.Add(task.Prompt))
            {
                prompts.Add(new TaskPrompt(TaskPrompt.MakeId(name, task.Prompt), name, task.Prompt, task.Answer, family.Verifier));
            }
        }
        return prompts;
    }
}
