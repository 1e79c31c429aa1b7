using System.ComponentModel;
using Rlvr.Training.Curriculum;

namespace Rlvr.Training.Strategies;

/// <summary>PuzzleCraft: each group's advantages weighed by its difficulty and how far its answers disperse (docs/algorithms.md, PuzzleCraft).</summary>
public sealed class PuzzleCraftStrategy : SelectionStrategy<PuzzleCraftConfig>
{
    public override string Name => PuzzleCraftSelector.StrategyName;

    public override string Summary => "uniform prompts; groups collapsed onto one answer, easy ones most, have their advantages scaled down";

    public override string Paper => "PuzzleCraft: arXiv 2512.14944, 2025";

    public override bool AllocatesRollouts => true;

    protected override void Validate(PuzzleCraftConfig options, ConfigErrors errors, string path)
    {
        errors.Closed01($"{path}.down_weight", options.DownWeight);
        errors.Closed01($"{path}.difficulty_share", options.DifficultyShare);
    }

    protected override IPromptSelector Create(PuzzleCraftConfig options, SelectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PuzzleCraftSelector(context.Catalog, new PuzzleCraftOptions(options.DownWeight, options.DifficultyShare), context.GroupSize);
    }
}

/// <summary>The <c>strategy.puzzlecraft</c> block.</summary>
public sealed class PuzzleCraftConfig
{
    [Description("kappa: the most a group's advantages are scaled down; weight = 1 - kappa * ((1 - alpha) * collapse + alpha * pass rate)")]
    public double DownWeight { get; set; } = 0.8;

    [Description("alpha: the share of the group's pass rate (its easiness) beside its answer collapse in the down-weighting")]
    public double DifficultyShare { get; set; } = 0.5;
}
