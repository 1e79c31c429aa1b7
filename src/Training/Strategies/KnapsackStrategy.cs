using System.ComponentModel;
using Rlvr.Training.Allocation;
using Rlvr.Training.Curriculum;

namespace Rlvr.Training.Strategies;

/// <summary>
/// Knapsack RL: a step's B G rollouts split among B uniformly drawn prompts to maximise the summed value
/// (1 - p^n - (1 - p)^n) p (1 - p)^2 of their groups, each p from its recent rewards (docs/algorithms.md, Knapsack RL).
/// </summary>
public sealed class KnapsackStrategy : SelectionStrategy<KnapsackConfig>
{
    public override string Name => KnapsackPlanner.StrategyName;

    public override string Summary => "splits a step's B x G rollouts among its prompts by a knapsack over each group's expected gradient value";

    public override string Paper => "Knapsack RL: Li et al., 2025 (arXiv 2509.25849)";

    public override bool AllocatesRollouts => true;

    protected override void Validate(KnapsackConfig options, ConfigErrors errors, string path)
    {
        errors.Positive($"{path}.buffer_size", options.BufferSize);
        errors.Positive($"{path}.min_samples", options.MinSamples);
        if (options.MinSamples > options.BufferSize)
        {
            errors.Add($"{path}.min_samples", $"must be <= {path}.buffer_size ({options.BufferSize}), got {options.MinSamples}");
        }
        errors.Positive($"{path}.max_n", options.MaxN);
        AtMostMaxN(errors, $"{path}.min_n", options.MinN, options.MaxN);
        AtMostMaxN(errors, $"{path}.negative_n", options.NegativeN, options.MaxN);
        AtMostMaxN(errors, $"{path}.positive_n", options.PositiveN, options.MaxN);
        errors.Open01($"{path}.alpha", options.Alpha);
    }

    /// <summary>The floors must fit a step's budget of G rollouts per prompt, which only the GRPO settings know.</summary>
    protected override IPromptSelector Create(KnapsackConfig options, SelectionContext context)
    {
        foreach (var (key, floor) in new[] { ("min_n", options.MinN), ("negative_n", options.NegativeN), ("positive_n", options.PositiveN) })
        {
            if (floor > context.GroupSize)
            {
                throw new ArgumentException(
                    $"strategy.{Name}.{key}: must be <= grpo.group_size ({context.GroupSize}), the mean rollouts a prompt gets, got {floor}", nameof(options));
            }
        }
        return new KnapsackPlanner(
            context.Catalog,
            new KnapsackOptions(options.BufferSize, options.MinSamples, options.MinN, options.NegativeN, options.PositiveN, options.MaxN, options.Alpha),
            context.GroupSize);
    }

    private static void AtMostMaxN(ConfigErrors errors, string key, int value, int maxN)
    {
        errors.Positive(key, value);
        if (value > maxN)
        {
            errors.Add(key, $"must be <= max_n ({maxN}), got {value}");
        }
    }
}

/// <summary>The <c>strategy.knapsack</c> block.</summary>
public sealed class KnapsackConfig
{
    [Description("L: the most recent rewards of a prompt that p^ pools when its latest group has fewer than L")]
    public int BufferSize { get; set; } = 16;

    [Description("rewards a prompt needs in its buffer for p^ to count; with fewer it gets G rollouts like a prompt never rolled out")]
    public int MinSamples { get; set; } = 8;

    [Description("min_n: rollouts every prompt with p^ in (0, 1) gets before the knapsack adds more")]
    public int MinN { get; set; } = 2;

    [Description("negative_n: rollouts of a prompt with p^ = 0 (plus its share of any surplus)")]
    public int NegativeN { get; set; } = 2;

    [Description("positive_n: rollouts of a prompt with p^ = 1")]
    public int PositiveN { get; set; } = 2;

    [Description("max_n: the most rollouts one prompt gets in a step")]
    public int MaxN { get; set; } = 128;

    [Description("alpha of the surplus fallback: a prompt with p^ in (0, 1) needs ln(1 - alpha) / ln(max(p, 1 - p)) rollouts")]
    public double Alpha { get; set; } = 0.9;
}
