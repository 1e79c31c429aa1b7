namespace Rlvr.Training.Curriculum;

/// <summary>
/// The chance that a group of n binary rollouts of a prompt is informative (neither all correct nor all wrong) when its
/// pass rate p is Beta(a, b) distributed: 1 - E[p^n] - E[(1 - p)^n], with E[p^n] = prod_{j &lt; n} (a + j) / (a + b + j).
/// BroRL's case for many rollouts: a prompt near saturation rarely yields an informative group of G, often one of N.
/// </summary>
public static class InformativeGroupChance
{
    /// <summary>E[p^n] for p ~ Beta(<paramref name="a"/>, <paramref name="b"/>).</summary>
    public static double PowerMoment(double a, double b, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var moment = 1.0;
        for (var j = 0; j < n; j++)
        {
            moment *= (a + j) / (a + b + j);
        }
        return moment;
    }

    /// <summary>P(a group of <paramref name="n"/> is informative) for p ~ Beta(<paramref name="a"/>, <paramref name="b"/>).</summary>
    public static double Of(double a, double b, int n)
    {
        if (!(a > 0) || !(b > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(a), $"Beta({a}, {b}) needs both parameters > 0.");
        }
        return n < 2 ? 0 : 1 - PowerMoment(a, b, n) - PowerMoment(b, a, n);
    }
}
