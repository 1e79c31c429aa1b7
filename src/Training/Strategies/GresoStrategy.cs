using System.ComponentModel;
using Rlvr.Training.Curriculum;

namespace Rlvr.Training.Strategies;

/// <summary>
/// GRESO: prompts whose recent groups were all correct or all wrong are skipped before rollout with a probability that
/// grows with the run, self-tuned toward a target share of zero-variance groups (docs/algorithms.md, GRESO).
/// </summary>
public sealed class GresoStrategy : SelectionStrategy<GresoConfig>
{
    public override string Name => GresoSelector.StrategyName;

    public override string Summary => "skips prompts before rollout when their recent groups were all correct or all wrong, self-tuning how often";

    public override string Paper => "GRESO: Zheng et al., 2025 (arXiv 2506.02177)";

    protected override void Validate(GresoConfig options, ConfigErrors errors, string path)
    {
        errors.Closed01($"{path}.p_min", options.PMin);
        errors.Closed01($"{path}.p_max", options.PMax);
        if (options.PMin > options.PMax)
        {
            errors.Add($"{path}.p_min", $"must be <= {path}.p_max ({ConfigErrors.Format(options.PMax)}), got {ConfigErrors.Format(options.PMin)}");
        }
        InRange(errors, $"{path}.p_easy", options.PEasy, options);
        InRange(errors, $"{path}.p_hard", options.PHard, options);
        errors.Open01($"{path}.target_zero_variance", options.TargetZeroVariance);
        errors.Open01($"{path}.adjust_step", options.AdjustStep);
        errors.HalfOpen01($"{path}.keep_floor", options.KeepFloor);
        errors.Positive($"{path}.candidate_factor", options.CandidateFactor);
    }

    protected override IPromptSelector Create(GresoConfig options, SelectionContext context) => new GresoSelector(
        context.Catalog,
        new GresoOptions(options.PEasy, options.PHard, options.TargetZeroVariance, options.AdjustStep, options.PMin, options.PMax,
            options.KeepFloor, options.CandidateFactor),
        context.GroupSize);

    /// <summary>p_easy and p_hard start inside the range the self-tuning clips them to.</summary>
    private static void InRange(ConfigErrors errors, string key, double value, GresoConfig options)
    {
        if (!(value >= options.PMin && value <= options.PMax))
        {
            errors.Add(key, $"must be in [p_min, p_max] = [{ConfigErrors.Format(options.PMin)}, {ConfigErrors.Format(options.PMax)}], got {ConfigErrors.Format(value)}");
        }
    }
}

/// <summary>The <c>strategy.greso</c> block.</summary>
public sealed class GresoConfig
{
    [Description("p_easy: the initial base keep probability of a prompt whose last z groups were all correct (kept with max(p_easy^z, keep_floor))")]
    public double PEasy { get; set; } = 0.5;

    [Description("p_hard: the initial base keep probability of a prompt whose last z groups were all wrong (kept with max(p_hard^z, keep_floor))")]
    public double PHard { get; set; } = 0.5;

    [Description("alpha: the target share of zero-variance groups in a step, alpha/3 all correct and 2 alpha/3 all wrong, that p_easy and p_hard tune toward")]
    public double TargetZeroVariance { get; set; } = 0.25;

    [Description("how much one step's self-tuning lowers (share at or above target) or raises p_easy and p_hard")]
    public double AdjustStep { get; set; } = 0.01;

    [Description("the least p_easy and p_hard are tuned to")]
    public double PMin { get; set; } = 0.05;

    [Description("the most p_easy and p_hard are tuned to")]
    public double PMax { get; set; } = 0.95;

    [Description("the least keep probability of a prompt however long its run (the paper's 1% exploration floor)")]
    public double KeepFloor { get; set; } = 0.01;

    [Description("a round examines at most this many candidates per prompt it asks for before it takes skipped ones")]
    public int CandidateFactor { get; set; } = 12;
}
