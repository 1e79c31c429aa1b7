using System.ComponentModel;
using Rlvr.Training.Curriculum;

namespace Rlvr.Training.Strategies;

/// <summary>Reinforce-Ada: sample each prompt in rounds until it has the signal its exit rule asks for, then down-sample (docs/algorithms.md, Reinforce-Ada).</summary>
public sealed class ReinforceAdaStrategy : SelectionStrategy<ReinforceAdaConfig>
{
    public static IReadOnlyList<string> ExitRuleNames { get; } = [ReinforceAdaConfig.Balanced, ReinforceAdaConfig.PositiveFocused];

    public override string Name => ReinforceAdaSelector.StrategyName;

    public override string Summary => "rounds of M rollouts per prompt until its exit rule holds (R_max rounds at most), n kept, advantages from all its responses";

    public override string Paper => "Reinforce-Ada: An Adaptive Sampling Framework for Reinforce-Style LLM Training, 2025 (arXiv 2510.04996)";

    public override bool AllocatesRollouts => true;

    protected override void Validate(ReinforceAdaConfig options, ConfigErrors errors, string path)
    {
        if (options.N < 2 || options.N % 2 != 0)
        {
            errors.Add($"{path}.n", $"must be an even number >= 2 (n/2 positives and n/2 negatives), got {options.N}");
        }
        errors.Positive($"{path}.m", options.M);
        errors.Positive($"{path}.r_max", options.RMax);
        if (!(options.Tau >= 0 && options.Tau < 1))
        {
            errors.Add($"{path}.tau", $"must be in [0, 1) (a response is positive when its reward is above it), got {ConfigErrors.Format(options.Tau)}");
        }
        errors.OneOf($"{path}.exit_rule", options.ExitRule, ExitRuleNames);
    }

    protected override IPromptSelector Create(ReinforceAdaConfig options, SelectionContext context) => new ReinforceAdaSelector(
        context.Catalog,
        new ReinforceAdaOptions(options.N, options.M, options.RMax, options.Tau,
            options.ExitRule == ReinforceAdaConfig.PositiveFocused ? ReinforceAdaExit.PositiveFocused : ReinforceAdaExit.Balanced),
        context.ScaleByStd);
}

/// <summary>The <c>strategy.reinforce-ada</c> block.</summary>
public sealed class ReinforceAdaConfig
{
    public const string Balanced = "balanced";
    public const string PositiveFocused = "positive_focused";

    [Description("n: responses kept per prompt for training (even)")]
    public int N { get; set; } = 4;

    [Description("M: responses generated per active prompt in each round")]
    public int M { get; set; } = 8;

    [Description("R_max: rounds at most; prompts still active then keep what they have")]
    public int RMax { get; set; } = 4;

    [Description("tau: a response is positive when its reward is above tau")]
    public double Tau { get; set; } = 0.7;

    [Description("balanced (done with n/2 positives and n/2 negatives) or positive_focused (done at the first positive)")]
    public string ExitRule { get; set; } = Balanced;
}
