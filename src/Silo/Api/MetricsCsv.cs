using System.Globalization;
using System.Text;
using Rlvr.Training.Metrics;

namespace Rlvr.Silo.Api;

/// <summary>Step metrics as CSV: one row per step, scalar columns, phase times in ms, then a pass-rate column per distribution.</summary>
internal static class MetricsCsv
{
    private static readonly string[] Scalars =
    [
        "step", "policy_version", "reward", "loss", "kl", "clip_fraction", "entropy", "grad_norm", "tokens",
        "groups_generated", "reference_groups", "groups_replayed", "rounds", "prediction_correlation",
        "groups_rejected", "replay_stored", "replay_mean_age", "elapsed_ms",
    ];

    public static string Write(IReadOnlyList<StepMetrics> steps)
    {
        var distributions = steps.SelectMany(s => s.PassRates.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var phases = ApiMapping.PhaseNames;
        var csv = new StringBuilder();
        csv.AppendJoin(',', Scalars.Concat(phases.Select(p => p + "_ms")).Concat(distributions.Select(d => Quote("pass_rate:" + d)))).Append('\n');
        foreach (var s in steps)
        {
            var timings = ApiMapping.Phases(s.Phases);
            object?[] values =
            [
                s.Step, s.PolicyVersion, s.Reward, s.Loss, s.Kl, s.ClipFraction, s.Entropy, s.GradNorm, s.Tokens,
                s.GroupsGenerated, s.ReferenceGroups, s.GroupsReplayed, s.Rounds, s.PredictionCorrelation,
                s.GroupsRejected, s.ReplayStored, s.ReplayMeanAge, s.Phases.ElapsedMs,
            ];
            csv.AppendJoin(',', values.Concat(phases.Select(p => (object?)timings[p]))
                .Concat(distributions.Select(d => s.PassRates.TryGetValue(d, out var rate) ? (object?)rate : null))
                .Select(Format)).Append('\n');
        }
        return csv.ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? ""),
    };

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
