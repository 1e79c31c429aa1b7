using Rlvr.Grains.Campaigns;

namespace Rlvr.Grains.Grains;

/// <summary>The campaign's stored state.</summary>
public sealed class CampaignState
{
    public CampaignSpec? Spec { get; set; }

    public string? ConfigHash { get; set; }

    public CampaignStatus Status { get; set; }

    public long Step { get; set; }

    public int Steps { get; set; }

    public long PolicyVersion { get; set; }

    public string? WeightsHash { get; set; }

    /// <summary>The step of the last checkpoint this campaign committed or restored.</summary>
    public long? LastCheckpoint { get; set; }

    public string? Error { get; set; }

    public List<StepMetrics> Metrics { get; set; } = [];

    public List<EvaluationResult> Evaluations { get; set; } = [];
}
