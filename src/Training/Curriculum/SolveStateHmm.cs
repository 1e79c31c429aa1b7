namespace Rlvr.Training.Curriculum;

/// <summary>
/// DPS's per-prompt hidden Markov model over the solve states 0 unsolved, 1 partially solved, 2 solved. A prompt's
/// transition counts A are 9 numbers, A[j, i] at [3 j + i] for "next j after current i", normalised over each column
/// (P^[j, i] = A[j, i] / sum_j A[j, i]); A0 is all ones and pi0 uniform. The methods work in place on a prompt's slices
/// of the selector's arrays (docs/algorithms.md, DPS).
/// </summary>
public static class SolveStateHmm
{
    public const int States = 3;

    public const int Unsolved = 0;

    public const int Partial = 1;

    public const int Solved = 2;

    /// <summary>The state a group shows: unsolved when no rollout succeeded, solved when all did, else partial (taken as noise-free).</summary>
    public static int ObservedState(double passRate) => passRate <= 0 ? Unsolved : passRate >= 1 ? Solved : Partial;

    /// <summary>A prompt never observed: A = A0, pi = pi_prev = pi0. A prompt left so is a fixed point of <see cref="Drift"/>.</summary>
    public static void Reset(Span<double> a, Span<double> pi, Span<double> piPrev)
    {
        a.Fill(1);
        pi.Fill(1.0 / States);
        piPrev.Fill(1.0 / States);
    }

    /// <summary>
    /// The Bayesian update after observing state <paramref name="observed"/>: the soft count U = (o x pi_prev) . P^ normalised
    /// to sum 1, A &lt;- lambda A + (1 - lambda) A0 + U, pi_prev &lt;- o, pi &lt;- P^new o (the prediction for the next step).
    /// </summary>
    public static void Observe(Span<double> a, Span<double> pi, Span<double> piPrev, int observed, double lambda)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(observed);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(observed, States);
        Span<double> count = stackalloc double[States];
        var total = 0.0;
        for (var i = 0; i < States; i++)
        {
            count[i] = piPrev[i] * a[(observed * States) + i] / ColumnSum(a, i);
            total += count[i];
        }
        Decay(a, lambda);
        for (var i = 0; i < States; i++)
        {
            a[(observed * States) + i] += count[i] / total;
        }
        piPrev.Clear();
        piPrev[observed] = 1;
        var column = ColumnSum(a, observed);
        for (var j = 0; j < States; j++)
        {
            pi[j] = a[(j * States) + observed] / column;
        }
    }

    /// <summary>
    /// A step the prompt was not rolled out: A &lt;- lambda A + (1 - lambda) A0 with no count, then pi &lt;- P^ pi, so a stale
    /// belief drifts back toward uncertainty. Written out on locals: it runs for every prompt with a history every step.
    /// </summary>
    public static void Drift(Span<double> a, Span<double> pi, double lambda)
    {
        Decay(a, lambda);
        // P^ pi = sum_i A[., i] (pi_i / colsum_i): three divisions instead of nine.
        var w0 = pi[0] / (a[0] + a[3] + a[6]);
        var w1 = pi[1] / (a[1] + a[4] + a[7]);
        var w2 = pi[2] / (a[2] + a[5] + a[8]);
        pi[0] = (a[0] * w0) + (a[1] * w1) + (a[2] * w2);
        pi[1] = (a[3] * w0) + (a[4] * w1) + (a[5] * w2);
        pi[2] = (a[6] * w0) + (a[7] * w1) + (a[8] * w2);
    }

    /// <summary>The score DPS ranks candidates by: pi[partial] + w H(pi), H the entropy in nats (w = 0: the paper's default).</summary>
    public static double Score(ReadOnlySpan<double> pi, double entropyWeight)
    {
        if (entropyWeight == 0)
        {
            return pi[Partial];
        }
        var entropy = 0.0;
        foreach (var p in pi)
        {
            entropy -= p > 0 ? p * Math.Log(p) : 0;
        }
        return pi[Partial] + (entropyWeight * entropy);
    }

    /// <summary>The pass rate the belief implies, counting a partially solved prompt as half: pi[solved] + pi[partial] / 2.</summary>
    public static double PredictedPassRate(ReadOnlySpan<double> pi) => pi[Solved] + (0.5 * pi[Partial]);

    private static void Decay(Span<double> a, double lambda)
    {
        var rest = 1 - lambda;
        for (var k = 0; k < a.Length; k++)
        {
            a[k] = (lambda * a[k]) + rest;
        }
    }

    private static double ColumnSum(ReadOnlySpan<double> a, int column) =>
        a[column] + a[States + column] + a[(2 * States) + column];
}
