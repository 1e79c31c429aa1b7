using Rlvr.Training.Curriculum;

namespace Rlvr.Training.Strategies;

/// <summary>Plain GRPO's selection: prompts drawn uniformly from the pool. The baseline every other strategy is measured against.</summary>
public sealed class UniformStrategy : SelectionStrategy
{
    public override string Name => UniformSelector.StrategyName;

    public override string Summary => "prompts drawn uniformly from the pool (the baseline)";

    public override string Paper => "GRPO: Shao et al., DeepSeekMath, 2024 (arXiv 2402.03300)";

    public override Type? OptionsType => null;

    public override void Validate(object options, ConfigErrors errors)
    {
    }

    public override IPromptSelector Create(object? options, SelectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new UniformSelector(context.Catalog);
    }
}
