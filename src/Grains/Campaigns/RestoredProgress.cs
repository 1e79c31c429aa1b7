namespace Rlvr.Grains.Campaigns;

/// <summary>Where a restore brought a campaign: the checkpoint it used, its step, policy version and weights hash.</summary>
public sealed record RestoredProgress(long Checkpoint, long Step, long PolicyVersion, string? WeightsHash);
