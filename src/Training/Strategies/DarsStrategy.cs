using System.ComponentModel;
using Rlvr.Training.Curriculum;

namespace Rlvr.Training.Strategies;

/// <summary>DARS: extra rollouts for prompts answered correctly less than half the time (docs/algorithms.md, DARS).</summary>
public sealed class DarsStrategy : SelectionStrategy<DarsConfig>
{
    public static IReadOnlyList<string> ScheduleNames { get; } = ["et", "hw"];

    public override string Name => DarsSelector.StrategyName;

    public override string Summary => "G rollouts per uniform prompt, then ΔN more (ET or HW schedule, N_max in all) for those with accuracy below 0.5";

    public override string Paper => "DARS: Depth-Breadth Synergy in RLVR: Unlocking LLM Reasoning Gains with Adaptive Exploration, 2025 (arXiv 2508.13755)";

    public override bool AllocatesRollouts => true;

    protected override void Validate(DarsConfig options, ConfigErrors errors, string path)
    {
        errors.OneOf($"{path}.schedule", options.Schedule, ScheduleNames);
        errors.Positive($"{path}.n_max", options.NMax);
        errors.HalfOpen01($"{path}.upper_threshold", options.UpperThreshold);
    }

    protected override IPromptSelector Create(DarsConfig options, SelectionContext context) => new DarsSelector(
        context.Catalog,
        new DarsOptions(options.Schedule == "hw" ? DarsSchedule.Hw : DarsSchedule.Et, options.NMax, options.UpperThreshold),
        context.GroupSize,
        context.ScaleByStd);
}

/// <summary>The <c>strategy.dars</c> block.</summary>
public sealed class DarsConfig
{
    [Description("et (equal treatment: lift every hard group's total advantage to the peak) or hw (hardness-weighted: 2(1 - a) times it)")]
    public string Schedule { get; set; } = "et";

    [Description("N_max: the most rollouts a prompt gets in all, first round (N = grpo.group_size) included")]
    public int NMax { get; set; } = 32;

    [Description("a group whose mean is at least this (or 0) has its advantages zeroed, as the paper drops it")]
    public double UpperThreshold { get; set; } = 1.0;
}
