namespace Rlvr.Grains.Campaigns;

/// <summary>
/// Where a restore brought a campaign: the checkpoint it used and the one committed before it, its step, policy
/// version and weights hash, and the next step's batch when the campaign is pipelined.
/// </summary>
public sealed record RestoredProgress(
    long Checkpoint, long? PreviousCheckpoint, long Step, long PolicyVersion, string? WeightsHash, GeneratedBatch? Next);
