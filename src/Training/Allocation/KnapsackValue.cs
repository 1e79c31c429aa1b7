namespace Rlvr.Training.Allocation;

/// <summary>
/// Knapsack RL's value of giving a prompt with pass rate p n rollouts, V(n, p) = (1 - p^n - (1 - p)^n) p (1 - p)^2: the
/// chance the group has a non-zero GRPO gradient times the paper's information weight, and what one more rollout adds.
/// </summary>
public static class KnapsackValue
{
    public static double Of(int rollouts, double p) => (1 - Math.Pow(p, rollouts) - Math.Pow(1 - p, rollouts)) * Weight(p);

    /// <summary>
    /// V(n + 1, p) - V(n, p) = (p^n (1 - p) + (1 - p)^n p) p (1 - p)^2, positive and decreasing in n for p in (0, 1):
    /// V is concave in n, so giving rollouts one at a time to the largest gain maximises the sum of values (the paper's DP).
    /// </summary>
    public static double Gain(int rollouts, double p) =>
        ((Math.Pow(p, rollouts) * (1 - p)) + (Math.Pow(1 - p, rollouts) * p)) * Weight(p);

    /// <summary>
    /// The rollouts a prompt needs so that its group shows both outcomes with probability alpha, at most
    /// <paramref name="maxRollouts"/>: ceil(ln(1 - alpha) / ln(max(p, 1 - p))). The paper's fallback estimate.
    /// </summary>
    public static int Need(double p, double alpha, int maxRollouts)
    {
        var need = Math.Ceiling(Math.Log(1 - alpha) / Math.Log(Math.Max(p, 1 - p)));
        return need >= maxRollouts ? maxRollouts : (int)need;
    }

    private static double Weight(double p) => p * (1 - p) * (1 - p);
}
