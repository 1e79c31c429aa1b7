namespace Rlvr.Api.Contracts;

/// <summary>
/// A campaign of a sweep: its id (a campaign of the campaigns API once created), arm, seed, status (Pending until the
/// sweep creates it, then the campaign's), steps done of the total, and the error of a failed one.
/// </summary>
public sealed record SweepCampaignInfo(string CampaignId, string Arm, ulong Seed, string Status, long Step, int Steps, string? Error);
