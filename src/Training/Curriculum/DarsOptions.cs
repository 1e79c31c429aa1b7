namespace Rlvr.Training.Curriculum;

/// <summary>
/// DARS parameters (docs/algorithms.md, DARS): the schedule of extra rollouts, the cap N_max on a prompt's rollouts in
/// all, and the group mean from which a group is treated as solved (its advantages zeroed).
/// </summary>
public sealed record DarsOptions(DarsSchedule Schedule = DarsSchedule.Et, int NMax = 32, double UpperThreshold = 1.0);

/// <summary>How many extra rollouts a prompt of accuracy a below 0.5 gets.</summary>
public enum DarsSchedule
{
    /// <summary>Equal treatment: enough to lift the group's total advantage to the peak at a = 0.5.</summary>
    Et,

    /// <summary>Hardness-weighted: to 2(1 - a) times that peak, more for harder prompts.</summary>
    Hw,
}
