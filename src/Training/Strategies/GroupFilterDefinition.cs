using Rlvr.Training.Configuration;
using Rlvr.Training.Filters;

namespace Rlvr.Training.Strategies;

/// <summary>
/// A registered group filter (<c>filter.name</c>): its paper, the <c>filter.*</c> keys it reads besides the refill
/// settings every filter shares, their validation, and the filter it builds.
/// </summary>
public abstract class GroupFilterDefinition
{
    /// <summary>The refill settings of every filter: the cap on generation rounds and the oversampling of a refill round.</summary>
    private static readonly string[] SharedKeys = [nameof(FilterConfig.MaxGenerationRounds), nameof(FilterConfig.Oversample)];

    public abstract string Name { get; }

    public abstract string Summary { get; }

    public abstract string Paper { get; }

    /// <summary>The <see cref="FilterConfig"/> properties this filter reads, besides the shared ones.</summary>
    protected virtual IReadOnlyCollection<string> OwnKeys => [];

    public virtual void Validate(FilterConfig config, ConfigErrors errors)
    {
    }

    public abstract IGroupFilter Create(FilterConfig config);

    public ComponentInfo Describe() =>
        new("filter", Name, Summary, Paper, ComponentParameter.Of(typeof(FilterConfig), "filter", [.. OwnKeys, .. SharedKeys]));
}
