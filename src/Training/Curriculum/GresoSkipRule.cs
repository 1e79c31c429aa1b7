namespace Rlvr.Training.Curriculum;

/// <summary>
/// GRESO's arithmetic: which groups count as zero-variance on either side, the probability of keeping a prompt after a
/// run of them, and the self-tuning of the base probabilities (docs/algorithms.md, GRESO).
/// </summary>
public static class GresoSkipRule
{
    /// <summary>
    /// Whether all of a group's <paramref name="rollouts"/> succeeded: its pass rate is above 1 - 1/(2n), halfway between
    /// n/n and (n-1)/n. This is what the paper's cut-off 0.98 means for G = 8, re-derived for any group size.
    /// </summary>
    public static bool IsAllCorrect(double passRate, int rollouts) => rollouts > 0 && passRate > 1 - 0.5 / rollouts;

    /// <summary>Whether none of a group's rollouts succeeded: its pass rate is below 1/(2n) (the paper's 0.11 for G = 8).</summary>
    public static bool IsNoneCorrect(double passRate, int rollouts) => rollouts > 0 && passRate < 0.5 / rollouts;

    /// <summary>max(p^z, floor): the chance a prompt whose last <paramref name="run"/> groups were all on one side is rolled out again.</summary>
    public static double KeepProbability(double p, int run, double floor) => Math.Max(Math.Pow(p, run), floor);

    /// <summary>
    /// One self-tuning move: lower <paramref name="p"/> (skip more) when the observed zero-variance share is at or above
    /// its target, raise it otherwise, then clip it to [<paramref name="min"/>, <paramref name="max"/>].
    /// </summary>
    public static double Tune(double p, double observedShare, double targetShare, double adjustStep, double min, double max) =>
        Math.Clamp(observedShare >= targetShare ? p - adjustStep : p + adjustStep, min, max);
}
