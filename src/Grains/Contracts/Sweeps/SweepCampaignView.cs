using Rlvr.Training.Campaigns;

namespace Rlvr.Grains.Contracts;

/// <summary>A campaign of a sweep as the sweep shows it: arm, seed, status (None until created), steps done of the total, error, and the silo that hosts it.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.SweepCampaignView")]
public sealed record SweepCampaignView(string CampaignId, string Arm, ulong Seed, CampaignStatus Status, long Step, int Steps, string? Error, string Silo);
