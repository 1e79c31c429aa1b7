namespace Rlvr.Training.Grpo;

/// <summary>
/// Group-relative advantages (docs/algorithms.md, GRPO): A_i = (r_i - mean) / (std + 1e-6) with the Bessel
/// std, or A_i = r_i - mean for Dr. GRPO. A group of one uses mean 0 and std 1 (verl's convention), so its
/// raw reward passes through.
/// </summary>
public static class GroupAdvantages
{
    public const double Epsilon = 1e-6;

    public static double[] Compute(IReadOnlyList<double> rewards, bool scaleByStd)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        if (rewards.Count == 0)
        {
            throw new ArgumentException("a group needs at least one reward.", nameof(rewards));
        }
        double mean, std;
        if (rewards.Count == 1)
        {
            (mean, std) = (0.0, 1.0);
        }
        else
        {
            mean = rewards.Average();
            var squares = 0.0;
            foreach (var r in rewards)
            {
                squares += (r - mean) * (r - mean);
            }
            std = Math.Sqrt(squares / (rewards.Count - 1));
        }
        var advantages = new double[rewards.Count];
        for (var i = 0; i < advantages.Length; i++)
        {
            advantages[i] = scaleByStd ? (rewards[i] - mean) / (std + Epsilon) : rewards[i] - mean;
        }
        return advantages;
    }
}
