namespace Rlvr.Grains.Campaigns;

/// <summary>
/// Where a restore brought a campaign: the checkpoint it used and the one committed before it, its step, policy
/// version and weights hash.
/// </summary>
public sealed record RestoredProgress(long Checkpoint, long? PreviousCheckpoint, long Step, long PolicyVersion, string? WeightsHash);
