using Rlvr.Training.Sweeps;

namespace Rlvr.Grains.Contracts;

/// <summary>A sweep as it stands: its settings, axes, campaigns with their progress, and the comparison of its arms.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.SweepView")]
public sealed record SweepView(
    string Id,
    SweepStatus Status,
    DateTimeOffset CreatedUtc,
    int Concurrency,
    string Reference,
    IReadOnlyList<SweepAxisView> Axes,
    IReadOnlyList<SweepCampaignView> Campaigns,
    SweepComparisonResult Comparison);
