using System.ComponentModel;
using Rlvr.Training.Curriculum;

namespace Rlvr.Training.Strategies;

/// <summary>Prompts weighted by their tracked failure rate, with a floor (docs/algorithms.md, Prioritized selection).</summary>
public sealed class PrioritizedStrategy : SelectionStrategy<PrioritizedConfig>
{
    public override string Name => PrioritizedSelector.StrategyName;

    public override string Summary => "prompts sampled in proportion to 1 - their smoothed success rate, with a floor";

    public override string Paper => "Kimi k1.5: Kimi Team, 2025 (arXiv 2501.12599), prioritized sampling";

    public override bool HashedAtDefaults => true;

    protected override void Validate(PrioritizedConfig options, ConfigErrors errors, string path)
    {
        errors.Closed01($"{path}.floor", options.Floor);
        errors.HalfOpen01($"{path}.smoothing", options.Smoothing);
    }

    protected override IPromptSelector Create(PrioritizedConfig options, SelectionContext context) =>
        new PrioritizedSelector(context.Catalog, new PrioritizedOptions(options.Floor, options.Smoothing));
}

/// <summary>The <c>strategy.prioritized</c> block.</summary>
public sealed class PrioritizedConfig
{
    [Description("the least weight a prompt keeps, however often it is solved")]
    public double Floor { get; set; } = 0.05;

    [Description("the exponential smoothing factor of each prompt's success rate")]
    public double Smoothing { get; set; } = 0.5;
}
