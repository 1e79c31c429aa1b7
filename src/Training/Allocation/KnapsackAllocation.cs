using System.Globalization;

namespace Rlvr.Training.Allocation;

/// <summary>
/// Knapsack RL's split of a step's B G rollouts among its B prompts (docs/algorithms.md, Knapsack RL): floors by kind
/// (G for a prompt never rolled out, negative_n for p^ = 0, positive_n for p^ = 1, min_n for p^ in (0, 1)); when the
/// prompts with p^ in (0, 1) need less than the rest, the surplus is spread over the p^ = 0 prompts (or the other
/// non-effective ones when there are none); what remains goes to the p^ in (0, 1) prompts one rollout at a time to the
/// largest <see cref="KnapsackValue.Gain"/>, which is the optimum of the paper's DP because V is concave in n.
/// </summary>
public static class KnapsackAllocation
{
    /// <param name="estimates">p^ of each prompt, null where it has none (never rolled out, or too few rewards).</param>
    /// <returns>The rollouts of each prompt, in order, and why.</returns>
    public static (int[] Rollouts, string[] Reasons) Allocate(IReadOnlyList<double?> estimates, int groupSize, KnapsackOptions options)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        ArgumentNullException.ThrowIfNull(options);
        var count = estimates.Count;
        var rollouts = new int[count];
        var surplus = new int[count];
        var effective = new List<int>();
        var allWrong = new List<int>();
        var others = new List<int>();
        for (var i = 0; i < count; i++)
        {
            switch (estimates[i])
            {
                case null:
                    rollouts[i] = groupSize;
                    others.Add(i);
                    break;
                case <= 0:
                    rollouts[i] = options.NegativeN;
                    allWrong.Add(i);
                    break;
                case >= 1:
                    rollouts[i] = options.PositiveN;
                    others.Add(i);
                    break;
                default:
                    rollouts[i] = options.MinN;
                    effective.Add(i);
                    break;
            }
        }
        var remaining = (count * groupSize) - rollouts.Sum();
        if (remaining < 0)
        {
            throw new ArgumentException(
                $"the floors (min_n {options.MinN}, negative_n {options.NegativeN}, positive_n {options.PositiveN}) need {rollouts.Sum()} rollouts, more than the step's {count} x {groupSize}.",
                nameof(options));
        }
        var need = effective.Sum(i => Math.Max(0, KnapsackValue.Need(estimates[i]!.Value, options.Alpha, options.MaxN) - options.MinN));
        if (need < remaining)
        {
            remaining = need + Spread(remaining - need, allWrong.Count > 0 ? allWrong : others, rollouts, surplus, options.MaxN);
        }
        Allocate(effective, estimates, rollouts, remaining, options.MaxN);
        var reasons = new string[count];
        for (var i = 0; i < count; i++)
        {
            reasons[i] = Reason(estimates[i], rollouts[i], surplus[i], options);
        }
        return (rollouts, reasons);
    }

    /// <summary>Gives <paramref name="amount"/> rollouts evenly to <paramref name="targets"/> (the first ones in order one more), each up to the cap; returns what is left.</summary>
    private static int Spread(int amount, List<int> targets, int[] rollouts, int[] surplus, int maxRollouts)
    {
        if (targets.Count == 0)
        {
            return amount;
        }
        var left = amount;
        for (var k = 0; k < targets.Count; k++)
        {
            var i = targets[k];
            var share = (amount / targets.Count) + (k < amount % targets.Count ? 1 : 0);
            var given = Math.Clamp(Math.Min(share, maxRollouts - rollouts[i]), 0, share);
            rollouts[i] += given;
            surplus[i] = given;
            left -= given;
        }
        return left;
    }

    /// <summary>The DP's allocation done greedily: each rollout to the prompt whose value grows most, ties to the earlier prompt.</summary>
    private static void Allocate(List<int> effective, IReadOnlyList<double?> estimates, int[] rollouts, int budget, int maxRollouts)
    {
        var queue = new PriorityQueue<int, (double Gain, int Index)>(Comparer<(double Gain, int Index)>.Create(
            (x, y) => x.Gain != y.Gain ? y.Gain.CompareTo(x.Gain) : x.Index.CompareTo(y.Index)));
        foreach (var i in effective.Where(i => rollouts[i] < maxRollouts))
        {
            queue.Enqueue(i, (KnapsackValue.Gain(rollouts[i], estimates[i]!.Value), i));
        }
        while (budget > 0 && queue.TryDequeue(out var i, out _))
        {
            rollouts[i]++;
            budget--;
            if (rollouts[i] < maxRollouts)
            {
                queue.Enqueue(i, (KnapsackValue.Gain(rollouts[i], estimates[i]!.Value), i));
            }
        }
    }

    private static string Reason(double? estimate, int rollouts, int surplus, KnapsackOptions options) => estimate switch
    {
        null => surplus > 0
            ? string.Create(CultureInfo.InvariantCulture, $"no estimate yet: G {rollouts - surplus} + {surplus} of the surplus")
            : string.Create(CultureInfo.InvariantCulture, $"no estimate yet: G {rollouts}"),
        <= 0 => surplus > 0
            ? string.Create(CultureInfo.InvariantCulture, $"all wrong so far: negative_n {options.NegativeN} + {surplus} of the surplus")
            : string.Create(CultureInfo.InvariantCulture, $"all wrong so far: negative_n {options.NegativeN}"),
        >= 1 => surplus > 0
            ? string.Create(CultureInfo.InvariantCulture, $"all correct so far: positive_n {options.PositiveN} + {surplus} of the surplus")
            : string.Create(CultureInfo.InvariantCulture, $"all correct so far: positive_n {options.PositiveN}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"knapsack: min_n {options.MinN} + {rollouts - options.MinN} by marginal value"),
    };
}
