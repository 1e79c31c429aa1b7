namespace Rlvr.Training.Sweeps;

/// <summary>
/// One campaign of a sweep: its id, its arm (the combination of the non-seed axes' values), its seed, its expanded
/// configuration (YAML text) and its group size (rollouts per prompt, which the comparison counts by).
/// </summary>
public sealed record SweepPlanCampaign(string CampaignId, string Arm, ulong Seed, string Yaml, int GroupSize);
