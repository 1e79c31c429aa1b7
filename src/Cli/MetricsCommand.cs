using System.CommandLine;
using Spectre.Console;

namespace Rlvr.Cli;

/// <summary>`rlvr metrics export`: a campaign's step metrics as CSV, to a file or standard output.</summary>
internal static class MetricsCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Campaign id" };
        var since = new Option<long>("--since") { Description = "Only steps after this one", DefaultValueFactory = _ => 0 };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "CSV file (default: standard output)" };
        var export = new Command("export", "Export step metrics as CSV") { id, since, output };
        export.SetAction(ClientCommand.Action(async (client, result, cancellation) =>
        {
            var csv = await client.GetMetricsCsvAsync(result.GetValue(id)!, result.GetValue(since), cancellation);
            if (result.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, csv, cancellation);
                AnsiConsole.MarkupLineInterpolated($"{csv.Count(c => c == '\n') - 1} steps written to {file.FullName}");
            }
            else
            {
                Console.Out.Write(csv);
            }
            return 0;
        }));
        var command = new Command("metrics", "Metrics of a campaign on a running silo");
        command.Subcommands.Add(export);
        return command;
    }
}
