using Rlvr.Training.Configuration;
using Rlvr.Training.Filters;

namespace Rlvr.Training.Strategies;

/// <summary>Every generated group is trained on.</summary>
public sealed class NoFilterDefinition : GroupFilterDefinition
{
    public override string Name => NoFilter.FilterName;

    public override string Summary => "every generated group is kept";

    public override string Paper => "";

    public override IGroupFilter Create(FilterConfig config) => new NoFilter();
}
