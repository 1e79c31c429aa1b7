using System.ComponentModel;
using Rlvr.Training.Curriculum;

namespace Rlvr.Training.Strategies;

/// <summary>SPEED-RL: screen a uniform batch cheaply, continue only the prompts whose screening showed variance (docs/algorithms.md, SPEED-RL).</summary>
public sealed class SpeedRlStrategy : SelectionStrategy<SpeedRlConfig>
{
    public override string Name => SpeedRlSelector.StrategyName;

    public override string Summary => "screens B_gen uniform prompts with N_init rollouts, continues those with 0 < p̂ < 1 with N_cont more";

    public override string Paper => "SPEED-RL: Faster Training of Reasoning Models via Online Curriculum Learning, 2025 (arXiv 2506.09016)";

    public override bool AllocatesRollouts => true;

    protected override void Validate(SpeedRlConfig options, ConfigErrors errors, string path)
    {
        if (options.NInit < 2)
        {
            errors.Add($"{path}.n_init", $"must be >= 2 (one rollout never shows variance), got {options.NInit}");
        }
        errors.Positive($"{path}.n_cont", options.NCont);
        errors.Positive($"{path}.b_gen", options.BGen);
        errors.Positive($"{path}.max_num_gen_batches", options.MaxNumGenBatches);
    }

    protected override IPromptSelector Create(SpeedRlConfig options, SelectionContext context) => new SpeedRlSelector(
        context.Catalog, new SpeedRlOptions(options.NInit, options.NCont, options.BGen, options.MaxNumGenBatches), context.ScaleByStd);
}

/// <summary>The <c>strategy.speed-rl</c> block.</summary>
public sealed class SpeedRlConfig
{
    [Description("N_init: screening rollouts of each prompt of a screening batch")]
    public int NInit { get; set; } = 4;

    [Description("N_cont: rollouts more for each prompt that qualified (0 < p̂ < 1), merged with its screening rollouts into one group")]
    public int NCont { get; set; } = 20;

    [Description("B_gen: prompts drawn uniformly for each screening batch")]
    public int BGen { get; set; } = 64;

    [Description("screening batches a step may use before it fails for want of qualified prompts")]
    public int MaxNumGenBatches { get; set; } = 50;
}
