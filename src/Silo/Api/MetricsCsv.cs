using System.Globalization;
using System.Text;
using Rlvr.Training.Metrics;

namespace Rlvr.Silo.Api;

/// <summary>Step metrics as CSV: one row per step, a column per named scalar (<see cref="StepMetric.All"/>), phase times in ms, then a pass-rate column per distribution.</summary>
internal static class MetricsCsv
{

    public static string Write(IReadOnlyList<StepMetrics> steps)
    {
        var distributions = steps.SelectMany(s => s.PassRates.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var phases = ApiMapping.PhaseNames;
        var csv = new StringBuilder();
        csv.AppendJoin(',', ((string[])["step", "policy_version", .. StepMetric.All.Select(m => m.Name), "elapsed_ms"])
            .Concat(phases.Select(p => p + "_ms")).Concat(distributions.Select(d => Quote("pass_rate:" + d)))).Append('\n');
        foreach (var s in steps)
        {
            var timings = ApiMapping.Phases(s.Phases);
            object?[] values = [s.Step, s.PolicyVersion, .. StepMetric.All.Select(m => (object?)s[m]), s.Phases.ElapsedMs];
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
