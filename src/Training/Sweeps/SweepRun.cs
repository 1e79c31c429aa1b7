namespace Rlvr.Training.Sweeps;

/// <summary>
/// What the comparison reads of one campaign of a sweep: its arm and seed, whether it completed, its steps' costs and
/// its held-out evaluations (the first at step 0), both in step order.
/// </summary>
public sealed record SweepRun(
    string CampaignId, string Arm, ulong Seed, bool Finished, IReadOnlyList<SweepRunStep> Steps, IReadOnlyList<SweepRunEvaluation> Evaluations);
