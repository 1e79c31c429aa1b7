using System.Globalization;
using Rlvr.Training.Campaigns;

namespace Rlvr.Cli;

/// <summary>
/// How many prompts each distribution holds out for evaluation. tasks.eval_size is an upper bound: a distribution
/// holds out only the prompts its tasks.eval_fraction share has (a small dataset, a low level), and this says so.
/// </summary>
internal static class HeldOutSummary
{
    public static string Describe(Campaign campaign)
    {
        var size = campaign.Config.Tasks.EvalSize;
        var counts = string.Join(", ", campaign.Catalog.Distributions.Select(d => $"{d.Name} {d.Evaluation.Count.ToString(CultureInfo.InvariantCulture)}"));
        var fewer = campaign.Catalog.Distributions.Where(d => d.Evaluation.Count < size).Select(d => d.Name).ToList();
        var line = $"held-out prompts per distribution (tasks.eval_size {size}): {counts}";
        return fewer.Count == 0
            ? line
            : line + $"; {string.Join(", ", fewer)} {(fewer.Count == 1 ? "has" : "have")} fewer: no more prompts fall in the " +
                $"tasks.eval_fraction {campaign.Config.Tasks.EvalFraction.ToString(CultureInfo.InvariantCulture)} share held out from training";
    }
}
