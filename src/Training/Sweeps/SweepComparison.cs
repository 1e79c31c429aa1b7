namespace Rlvr.Training.Sweeps;

/// <summary>
/// Compares the arms of a sweep as bench/curriculum/report.py did: accuracies are trailing means over the last
/// <see cref="Window"/> held-out evaluations (one evaluation of 64 prompts a level is about +-2.5 pp of noise); only
/// completed campaigns count, the others are named. Rollouts to reach the reference: per seed, the rollouts until the
/// first evaluation after step 0 whose trailing sampled pass@1 is at least the reference arm's final one (mean over its
/// seeds). Accuracy at equal rollouts: each campaign's trailing sampled pass@1 at its last evaluation within the
/// budget, the fewest rollouts any completed campaign made. Standard deviations are over seeds (n - 1; 0 for one).
/// </summary>
public static class SweepComparison
{
    public const int Window = 3;

    /// <param name="runs">The sweep's campaigns; the arms come out in the order they first appear.</param>
    public static SweepComparisonResult Compare(IReadOnlyList<SweepRun> runs, string reference)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var points = runs.Where(r => r.Finished).ToDictionary(r => r, Points);
        var target = Mean(points.Where(p => p.Key.Arm == reference).Select(p => p.Value[^1].Sampled).ToList());
        long? budget = points.Count == 0 ? null : points.Values.Min(p => p[^1].Rollouts);
        var arms = runs.GroupBy(r => r.Arm, StringComparer.Ordinal).Select(arm =>
        {
            var done = arm.Where(r => r.Finished).Select(r => points[r]).ToList();
            var reached = target is { } t
                ? done.Select(p => p.Skip(1).FirstOrDefault(e => e.Sampled >= t - 1e-9)).OfType<SweepCurvePoint>().ToList()
                : [];
            var atBudget = budget is { } b ? done.Select(p => p.Last(e => e.Rollouts <= b).Sampled).ToList() : [];
            var finals = done.Select(p => p[^1].Sampled).ToList();
            var greedy = done.Select(p => p[^1].Greedy).ToList();
            return new SweepArmComparison(
                arm.Key, arm.Count(), done.Count, Mean(finals), Std(finals), Mean(greedy), Std(greedy),
                Mean(reached.Select(p => (double)p.Rollouts).ToList()), reached.Count, Mean(atBudget), Std(atBudget),
                Mean(arm.Where(r => r.Finished).Select(r => r.Steps.Sum(s => s.TrainingMs) / 1000).ToList()));
        }).ToList();
        return new SweepComparisonResult(target, budget, arms, runs.Where(r => !r.Finished).Select(r => r.CampaignId).ToList(),
            points.ToDictionary(p => p.Key.CampaignId, p => (IReadOnlyList<SweepCurvePoint>)p.Value, StringComparer.Ordinal));
    }

    /// <summary>Each evaluation with the rollouts made up to its step and the trailing accuracies.</summary>
    private static List<SweepCurvePoint> Points(SweepRun run)
    {
        var rollouts = 0L;
        var steps = 0;
        var points = new List<SweepCurvePoint>();
        for (var i = 0; i < run.Evaluations.Count; i++)
        {
            var evaluation = run.Evaluations[i];
            for (; steps < run.Steps.Count && run.Steps[steps].Step <= evaluation.Step; steps++)
            {
                rollouts += run.Steps[steps].Rollouts;
            }
            var window = run.Evaluations.Skip(Math.Max(0, i - Window + 1)).Take(Math.Min(i + 1, Window)).ToList();
            points.Add(new SweepCurvePoint(rollouts, window.Average(e => e.Sampled), window.Average(e => e.Greedy)));
        }
        return points;
    }

    private static double? Mean(List<double> values) => values.Count == 0 ? null : values.Average();

    private static double? Std(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }
        var mean = values.Average();
        return values.Count == 1 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
