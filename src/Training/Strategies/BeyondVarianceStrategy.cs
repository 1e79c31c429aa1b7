using System.ComponentModel;
using Rlvr.Training.Curriculum;

namespace Rlvr.Training.Strategies;

/// <summary>
/// Beyond Variance: pairs of a hard-but-solvable and an easy-but-brittle prompt, trained with Weighted GRPO
/// (docs/algorithms.md, Beyond Variance).
/// </summary>
public sealed class BeyondVarianceStrategy : SelectionStrategy<BeyondVarianceConfig>
{
    public override string Name => BeyondVarianceSelector.StrategyName;

    public override string Summary => "pairs of a hard-but-solvable (q+) and an easy-but-brittle (q-) prompt; q+ successes and q- failures amplified";

    public override string Paper => "Beyond Variance: arXiv 2602.03452, 2026";

    public override bool AllocatesRollouts => true;

    protected override void Validate(BeyondVarianceConfig options, ConfigErrors errors, string path)
    {
        errors.Open01($"{path}.p_plus_max", options.PPlusMax);
        errors.Open01($"{path}.p_minus_min", options.PMinusMin);
        if (options.PPlusMax >= options.PMinusMin)
        {
            errors.Add($"{path}.p_minus_min", $"must be above p_plus_max ({ConfigErrors.Format(options.PPlusMax)}) so that no prompt is both q+ and q-, got {ConfigErrors.Format(options.PMinusMin)}");
        }
        errors.Positive($"{path}.lambda_plus", options.LambdaPlus);
        errors.Positive($"{path}.lambda_minus", options.LambdaMinus);
        errors.Closed01($"{path}.exploration", options.Exploration);
    }

    protected override IPromptSelector Create(BeyondVarianceConfig options, SelectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new BeyondVarianceSelector(
            context.Catalog,
            new BeyondVarianceOptions(options.PPlusMax, options.PMinusMin, options.LambdaPlus, options.LambdaMinus, options.Exploration),
            context.GroupSize);
    }
}

/// <summary>The <c>strategy.beyond-variance</c> block.</summary>
public sealed class BeyondVarianceConfig
{
    [Description("q+ (hard but solvable) is a prompt whose latest pass rate p^ is in (0, p_plus_max]")]
    public double PPlusMax { get; set; } = 0.25;

    [Description("q- (easy but brittle) is a prompt whose latest pass rate p^ is in [p_minus_min, 1)")]
    public double PMinusMin { get; set; } = 0.75;

    [Description("lambda+: the factor on the advantages of q+'s successes (Weighted GRPO)")]
    public double LambdaPlus { get; set; } = 2.0;

    [Description("lambda-: the factor on the advantages of q-'s failures (Weighted GRPO)")]
    public double LambdaMinus { get; set; } = 2.0;

    [Description("epsilon: the chance that a slot is a uniform draw that measures a new prompt instead of a q+ or q-")]
    public double Exploration { get; set; } = 0.25;
}
