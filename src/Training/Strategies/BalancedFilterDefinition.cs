using Rlvr.Training.Configuration;
using Rlvr.Training.Filters;

namespace Rlvr.Training.Strategies;

/// <summary>Balanced online difficulty filtering: a group is kept when its pass rate is within [low, high] (docs/algorithms.md, Filters).</summary>
public sealed class BalancedFilterDefinition : GroupFilterDefinition
{
    public override string Name => BalancedFilter.FilterName;

    public override string Summary => "keeps groups whose pass rate lies in [low, high], refilling the batch with more rounds";

    public override string Paper => "Online difficulty filtering: Bae et al., 2025 (arXiv 2504.03380)";

    protected override IReadOnlyCollection<string> OwnKeys => [nameof(FilterConfig.Low), nameof(FilterConfig.High)];

    public override void Validate(FilterConfig config, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(errors);
        errors.Closed01("filter.low", config.Low);
        errors.Closed01("filter.high", config.High);
        if (config.Low > config.High)
        {
            errors.Add("filter.low", $"must be <= filter.high ({ConfigErrors.Format(config.High)}), got {ConfigErrors.Format(config.Low)}");
        }
    }

    public override IGroupFilter Create(FilterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new BalancedFilter(config.Low, config.High);
    }
}
