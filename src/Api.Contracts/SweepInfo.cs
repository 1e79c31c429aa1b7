namespace Rlvr.Api.Contracts;

/// <summary>
/// A sweep as the API shows it: status (Running, Completed, Stopped), when it was created, how many campaigns run at
/// once, the reference arm, the axes, every campaign with its progress, and the comparison of the arms.
/// </summary>
public sealed record SweepInfo(
    string Id,
    string Status,
    DateTimeOffset CreatedUtc,
    int Concurrency,
    string Reference,
    IReadOnlyList<SweepAxisInfo> Axes,
    IReadOnlyList<SweepCampaignInfo> Campaigns,
    SweepComparisonInfo Comparison);
