using Rlvr.Api.Contracts;
using Rlvr.Client;

namespace Rlvr.Integration.Tests.Sweeps;

/// <summary>
/// A sweep's comparison worked out again from its campaigns as the campaign API serves them (evaluations, step
/// metrics), by the definitions the README gives, independently of the silo's code: what the sweep's table must equal.
/// </summary>
internal static class RecomputedComparison
{
    private const int Window = 3;

    public static async Task<SweepComparisonInfo> Of(RlvrClient client, SweepInfo sweep, int groupSize)
    {
        var runs = new List<(string Id, string Arm, List<(long Rollouts, double Sampled, double Greedy)> Points, double Seconds)>();
        foreach (var campaign in sweep.Campaigns)
        {
            var info = await client.GetCampaignAsync(campaign.CampaignId);
            var steps = await client.GetMetricsAsync(campaign.CampaignId);
            var points = info.Evaluations.Select((e, i) =>
            {
                var window = info.Evaluations.Skip(Math.Max(0, i - Window + 1)).Take(Math.Min(i + 1, Window)).ToList();
                var rollouts = steps.Where(s => s.Step <= e.Step).Sum(s => (long)(s.Metric("groups_generated") + s.Metric("reference_groups")) * groupSize);
                return (rollouts, window.Average(w => w.SampledMean), window.Average(w => w.GreedyMean));
            }).ToList();
            var seconds = steps.Sum(s => s.PhasesMs["wall"] - s.PhasesMs["evaluation"]) / 1000;
            runs.Add((campaign.CampaignId, campaign.Arm, points, seconds));
        }
        var reference = runs.Where(r => r.Arm == sweep.Reference).Average(r => r.Points[^1].Sampled);
        var budget = runs.Min(r => r.Points[^1].Rollouts);
        var arms = runs.GroupBy(r => r.Arm).Select(arm =>
        {
            var reached = arm.Select(r => r.Points.Skip(1).Where(p => p.Sampled >= reference - 1e-9).Select(p => (double?)p.Rollouts).FirstOrDefault())
                .OfType<double>().ToList();
            var finals = arm.Select(r => r.Points[^1].Sampled).ToList();
            var greedy = arm.Select(r => r.Points[^1].Greedy).ToList();
            var atBudget = arm.Select(r => r.Points.Last(p => p.Rollouts <= budget).Sampled).ToList();
            return new SweepArmInfo(arm.Key, arm.Count(), arm.Count(), finals.Average(), Std(finals), greedy.Average(), Std(greedy),
                reached.Count > 0 ? reached.Average() : null, reached.Count, atBudget.Average(), Std(atBudget), arm.Average(r => r.Seconds));
        }).ToList();
        return new SweepComparisonInfo(reference, budget, arms, [], runs.ToDictionary(
            r => r.Id, r => (IReadOnlyList<SweepCurvePointInfo>)[.. r.Points.Select(p => new SweepCurvePointInfo(p.Rollouts, p.Sampled, p.Greedy))]));
    }

    private static double Std(List<double> values)
    {
        var mean = values.Average();
        return values.Count == 1 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
