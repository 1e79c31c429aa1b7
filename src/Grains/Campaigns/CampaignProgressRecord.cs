namespace Rlvr.Grains.Campaigns;

/// <summary>The campaign grain's share of a checkpoint: where training stands (its history is in the append-only logs).</summary>
public sealed record CampaignProgressRecord(long Step, long PolicyVersion);
