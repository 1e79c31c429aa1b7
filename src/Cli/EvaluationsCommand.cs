using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Rlvr.Api.Contracts;

namespace Rlvr.Cli;

/// <summary>`rlvr evaluations export`: a campaign's held-out evaluations as CSV or JSON, to a file or standard output.</summary>
internal static class EvaluationsCommand
{
    private static readonly string[] FixedColumns = ["step", "policy_version", "greedy_mean", "sampled_mean"];

    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Campaign id" };
        var format = ExportFormat.Create();
        var output = ExportFormat.CreateOutput();
        var export = new Command("export",
            "Export held-out evaluations, one record per evaluation: greedy and sampled (pass@1) accuracy per distribution and their means")
        {
            id, format, output,
        };
        export.WithClient(async (client, result, cancellation) =>
        {
            var evaluations = (await client.GetCampaignAsync(result.GetValue(id)!, cancellation)).Evaluations;
            var content = result.GetValue(format) == ExportFormat.Json
                ? JsonSerializer.Serialize(evaluations, ApiJson.Options) + Environment.NewLine
                : Csv(evaluations);
            var file = result.GetValue(output);
            await OutputFile.WriteAsync(file, content, cancellation);
            if (file is not null)
            {
                Console.WriteLine($"{evaluations.Count} evaluations written to {file.FullName}");
            }
            return 0;
        });
        var command = new Command("evaluations", "Held-out evaluations of a campaign on a running silo");
        command.Subcommands.Add(export);
        return command;
    }

    /// <summary>step, policy_version, greedy_mean, sampled_mean, then greedy:D and sampled:D for each distribution D (ordinal order).</summary>
    private static string Csv(IReadOnlyList<EvaluationInfo> evaluations)
    {
        var distributions = evaluations.SelectMany(e => e.Greedy.Keys.Concat(e.Sampled.Keys)).Distinct().Order(StringComparer.Ordinal).ToList();
        var csv = new StringBuilder();
        csv.AppendJoin(',', FixedColumns
            .Concat(distributions.SelectMany(d => new[] { Field($"greedy:{d}"), Field($"sampled:{d}") }))).Append('\n');
        foreach (var e in evaluations)
        {
            csv.AppendJoin(',', new[] { Number(e.Step), Number(e.PolicyVersion), Number(e.GreedyMean), Number(e.SampledMean) }
                .Concat(distributions.SelectMany(d => new[] { Optional(e.Greedy, d), Optional(e.Sampled, d) }))).Append('\n');
        }
        return csv.ToString();
    }

    private static string Optional(IReadOnlyDictionary<string, double> accuracy, string distribution) =>
        accuracy.TryGetValue(distribution, out var value) ? Number(value) : "";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A distribution name may hold a comma or a quote: quoted as RFC 4180 says.</summary>
    private static string Field(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}
