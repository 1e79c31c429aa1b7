using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Rlvr.Cli;

/// <summary>`rlvr checkpoints ID`: a campaign's committed checkpoints, oldest first.</summary>
internal static class CheckpointsCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Campaign id" };
        var json = JsonOutput.CreateOption();
        var command = new Command("checkpoints", "List a campaign's committed checkpoints: step, time, configuration and weights hashes, size") { id, json };
        return command.WithClient(async (client, result, cancellation) =>
        {
            var checkpoints = await client.GetCheckpointsAsync(result.GetValue(id)!, cancellation);
            if (result.GetValue(json))
            {
                JsonOutput.Write(checkpoints);
                return 0;
            }
            var table = new Table().AddColumns("step", "committed (UTC)", "configuration", "weights", "blobs", "bytes");
            foreach (var c in checkpoints)
            {
                table.AddRow(
                    c.Step.ToString(CultureInfo.InvariantCulture), c.CreatedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Markup.Escape(c.ConfigHash ?? ""), Markup.Escape(c.WeightsHash ?? ""), c.Blobs.Count.ToString(CultureInfo.InvariantCulture),
                    c.Blobs.Sum(b => b.Length).ToString("N0", CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(table);
            return 0;
        });
    }
}
