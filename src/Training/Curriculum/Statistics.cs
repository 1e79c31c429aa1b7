namespace Rlvr.Training.Curriculum;

/// <summary>Small numeric helpers of the curriculum code.</summary>
public static class Statistics
{
    /// <summary>Pearson correlation; null when fewer than 2 pairs or either side has no variance.</summary>
    public static double? Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"{x.Count} x values but {y.Count} y values.", nameof(y));
        }
        if (x.Count < 2)
        {
            return null;
        }
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx <= 0 || syy <= 0 ? null : sxy / Math.Sqrt(sxx * syy);
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    public static double Logit(double p, double clamp = 1e-4)
    {
        p = Math.Clamp(p, clamp, 1 - clamp);
        return Math.Log(p / (1 - p));
    }
}
