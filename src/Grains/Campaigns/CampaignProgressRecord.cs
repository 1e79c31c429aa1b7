namespace Rlvr.Grains.Campaigns;

/// <summary>
/// The campaign grain's share of a checkpoint: where training stands (its history is in the append-only logs), and the
/// checkpoint committed before this one, through which the rollout ledger is pruned once this one is committed.
/// </summary>
public sealed record CampaignProgressRecord(long Step, long PolicyVersion, long? PreviousCheckpoint = null);
