using Orleans;
using Rlvr.Grains.Campaigns;

namespace Rlvr.Grains.Sweeps;

/// <summary>A campaign of a sweep as the sweep shows it: arm, seed, status (None until created), steps done of the total, error.</summary>
[GenerateSerializer, Immutable]
public sealed record SweepCampaignView(string CampaignId, string Arm, ulong Seed, CampaignStatus Status, long Step, int Steps, string? Error);
