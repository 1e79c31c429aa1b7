using System.ComponentModel;
using Rlvr.Training.Curriculum;

namespace Rlvr.Training.Strategies;

/// <summary>DUMP: a UCB bandit over distributions, scored by their recent mean absolute advantage (docs/algorithms.md, DUMP).</summary>
public sealed class DumpStrategy : SelectionStrategy<DumpConfig>
{
    public override string Name => DumpSelector.StrategyName;

    public override string Summary => "distributions chosen by UCB over their recent mean |advantage|, softmax-sampled";

    public override string Paper => "DUMP: Wang et al., 2025 (arXiv 2504.09710)";

    public override bool HashedAtDefaults => true;

    protected override void Validate(DumpConfig options, ConfigErrors errors, string path)
    {
        errors.Positive($"{path}.window", options.Window);
        errors.NonNegative($"{path}.exploration", options.Exploration);
        errors.Positive($"{path}.temperature", options.Temperature);
    }

    protected override IPromptSelector Create(DumpConfig options, SelectionContext context) =>
        new DumpSelector(context.Catalog, new DumpOptions(options.Window, options.Exploration, options.Temperature));
}

/// <summary>The <c>strategy.dump</c> block.</summary>
public sealed class DumpConfig
{
    [Description("window k: the last k absolute advantages of a distribution that its score averages")]
    public int Window { get; set; } = 300;

    [Description("exploration weight c of the UCB bonus sqrt(2 ln N / n)")]
    public double Exploration { get; set; } = 1.0;

    [Description("softmax temperature tau over the UCB scores")]
    public double Temperature { get; set; } = 0.1;
}
