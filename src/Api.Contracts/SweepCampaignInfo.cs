namespace Rlvr.Api.Contracts;

/// <summary>
/// A campaign of a sweep: its id (a campaign of the campaigns API once created), arm, seed, status (Pending until the
/// sweep creates it, then the campaign's), steps done of the total, the error of a failed one, and the name of the silo
/// that hosts it (a sweep's campaigns are spread over the silos).
/// </summary>
public sealed record SweepCampaignInfo(string CampaignId, string Arm, ulong Seed, string Status, long Step, int Steps, string? Error, string Silo);
