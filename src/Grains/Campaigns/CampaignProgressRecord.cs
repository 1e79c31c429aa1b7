namespace Rlvr.Grains.Campaigns;

/// <summary>The campaign grain's share of a checkpoint: where training stands and everything it has reported.</summary>
public sealed record CampaignProgressRecord(long Step, long PolicyVersion, IReadOnlyList<StepMetrics> Metrics, IReadOnlyList<EvaluationResult> Evaluations);
