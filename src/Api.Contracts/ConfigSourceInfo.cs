namespace Rlvr.Api.Contracts;

/// <summary>
/// A source of a campaign's prompts: a built-in task family (<see cref="Kind"/> "family", named as the family) or its
/// dataset ("dataset", named as <c>tasks.dataset</c> names it), with the distributions it gives.
/// </summary>
public sealed record ConfigSourceInfo(string Name, string Kind, IReadOnlyList<ConfigDistributionInfo> Distributions)
{
    public const string Family = "family";

    public const string Dataset = "dataset";
}
