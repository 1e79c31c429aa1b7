using System.CommandLine;
using System.Text.Json;
using Rlvr.Api.Contracts;

namespace Rlvr.Cli;

/// <summary>`rlvr metrics export`: a campaign's step metrics as CSV or JSON, to a file or standard output.</summary>
internal static class MetricsCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Campaign id" };
        var since = new Option<long>("--since") { Description = "Only steps after this one", DefaultValueFactory = _ => 0 };
        var format = ExportFormat.Create();
        var output = ExportFormat.CreateOutput();
        var export = new Command("export", "Export step metrics, one record per step") { id, since, format, output };
        export.WithClient(async (client, result, cancellation) =>
        {
            var campaignId = result.GetValue(id)!;
            string content;
            int steps;
            if (result.GetValue(format) == ExportFormat.Json)
            {
                var metrics = await client.GetMetricsAsync(campaignId, result.GetValue(since), cancellation);
                content = JsonSerializer.Serialize(metrics, ApiJson.Options) + Environment.NewLine;
                steps = metrics.Count;
            }
            else
            {
                content = await client.GetMetricsCsvAsync(campaignId, result.GetValue(since), cancellation);
                steps = content.Count(c => c == '\n') - 1;
            }
            var file = result.GetValue(output);
            await OutputFile.WriteAsync(file, content, cancellation);
            if (file is not null)
            {
                Console.WriteLine($"{steps} steps written to {file.FullName}");
            }
            return 0;
        });
        var command = new Command("metrics", "Metrics of a campaign on a running silo");
        command.Subcommands.Add(export);
        return command;
    }
}
