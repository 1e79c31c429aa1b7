namespace Rlvr.Training.Curriculum;

/// <summary>
/// DARS's extra rollouts ΔN for a prompt whose first N rollouts had accuracy a (docs/algorithms.md, DARS). A group's total
/// advantage is N·S(a) with S(a) = 2a(1 - a) (advantages r - mean) or 2√(a(1 - a)) (divided by the std), peaking at
/// a = 0.5 at 0.5N (or N); ΔN rollouts more lift it to that peak (ET) or to 2(1 - a) times it (HW):
/// ΔN = ceil((target - N·S) / S), at most N_max - N, none when a ≥ 0.5. An all-wrong group counts as a = 0.5 / N.
/// </summary>
public static class DarsExtraRollouts
{
    /// <summary>Slack under which a ratio counts as the integer it rounds to, so that an exact quotient is not raised by a rounding error.</summary>
    private const double CeilingSlack = 1e-9;

    public static int Of(double accuracy, int n, DarsOptions options, bool scaleByStd)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        if (accuracy >= 0.5)
        {
            return 0;
        }
        var a = accuracy <= 0 ? 0.5 / n : accuracy;
        var s = scaleByStd ? 2 * Math.Sqrt(a * (1 - a)) : 2 * a * (1 - a);
        var peak = scaleByStd ? n : 0.5 * n;
        var target = options.Schedule == DarsSchedule.Hw ? 2 * (1 - a) * peak : peak;
        var extra = (int)Math.Ceiling((target - n * s) / s - CeilingSlack);
        return Math.Clamp(extra, 0, Math.Max(0, options.NMax - n));
    }
}
