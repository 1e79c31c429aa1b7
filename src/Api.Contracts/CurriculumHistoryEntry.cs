namespace Rlvr.Api.Contracts;

/// <summary>The curriculum's distributions as they stood after one step.</summary>
public sealed record CurriculumHistoryEntry(long Step, IReadOnlyList<DistributionInfo> Distributions);
