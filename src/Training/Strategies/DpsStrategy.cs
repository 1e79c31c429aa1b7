using System.ComponentModel;
using Rlvr.Training.Curriculum;

namespace Rlvr.Training.Strategies;

/// <summary>
/// DPS: a 3-state hidden Markov model of each prompt's solve state predicts which prompts will be partially solved, and
/// those are chosen among kappa B uniform candidates (docs/algorithms.md, DPS).
/// </summary>
public sealed class DpsStrategy : SelectionStrategy<DpsConfig>
{
    public override string Name => DpsSelector.StrategyName;

    public override string Summary => "the prompts a per-prompt hidden Markov model predicts most likely to be partially solved, among kappa B uniform candidates";

    public override string Paper => "DPS, Dynamics-Predictive Sampling: ICLR 2026 (arXiv 2603.10887)";

    protected override void Validate(DpsConfig options, ConfigErrors errors, string path)
    {
        errors.Closed01($"{path}.lambda", options.Lambda);
        errors.Positive($"{path}.kappa", options.Kappa);
        errors.NonNegative($"{path}.entropy_weight", options.EntropyWeight);
    }

    protected override IPromptSelector Create(DpsConfig options, SelectionContext context) =>
        new DpsSelector(context.Catalog, new DpsOptions(options.Lambda, options.Kappa, options.EntropyWeight), context.GroupSize);
}

/// <summary>The <c>strategy.dps</c> block.</summary>
public sealed class DpsConfig
{
    [Description("lambda: the share of a prompt's transition counts A kept each step, the rest returning to A0 (the paper: 0.7 for math, 0.5 for Countdown and Geometry3k)")]
    public double Lambda { get; set; } = 0.7;

    [Description("kappa: candidates drawn uniformly per prompt a round asks for; the top ones by score are rolled out (the paper: 32 for math, 8 for Countdown and Geometry3k)")]
    public int Kappa { get; set; } = 32;

    [Description("w: the score is pi[partial] + w H(pi), H the belief's entropy in nats; 0 ranks by pi[partial] alone (the paper's default)")]
    public double EntropyWeight { get; set; } = 0;
}
