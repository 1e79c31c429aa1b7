using Rlvr.Training.Configuration;
using Rlvr.Training.Filters;

namespace Rlvr.Training.Strategies;

/// <summary>DAPO's dynamic sampling: a group is kept only when its rewards differ, and the batch is refilled (docs/algorithms.md, Filters).</summary>
public sealed class DynamicSamplingDefinition : GroupFilterDefinition
{
    public override string Name => DynamicSamplingFilter.FilterName;

    public override string Summary => "keeps groups whose rewards are not all equal, refilling the batch with more rounds";

    public override string Paper => "DAPO: Yu et al., 2025 (arXiv 2503.14476), dynamic sampling";

    public override IGroupFilter Create(FilterConfig config) => new DynamicSamplingFilter();
}
