using System.CommandLine;
using System.Globalization;
using Rlvr.Api.Contracts;
using Rlvr.Client;
using Rlvr.Grains.Campaigns;
using Rlvr.Training.Verifiers;
using Spectre.Console;

namespace Rlvr.Cli;

/// <summary>`rlvr campaign create|list|show|start|pause|resume|stop`: campaigns on a running silo.</summary>
internal static class CampaignCommands
{
    public static Command Create()
    {
        var command = new Command("campaign", "Create, list, show and steer campaigns on a running silo");
        command.Subcommands.Add(CreateCommand());
        var list = new Command("list", "List the silo's campaigns");
        list.SetAction(ClientCommand.Action(async (client, _, cancellation) =>
        {
            AnsiConsole.Write(ListTable(await client.ListCampaignsAsync(cancellation)));
            return 0;
        }));
        command.Subcommands.Add(list);
        command.Subcommands.Add(WithId("show", "Show a campaign: status, latest step, evaluations", async (client, id, cancellation) =>
        {
            Show(await client.GetCampaignAsync(id, cancellation));
            return 0;
        }));
        command.Subcommands.Add(Action("start", "Start a created campaign", (c, id, t) => c.StartAsync(id, t)));
        command.Subcommands.Add(Action("pause", "Pause after the current step (checkpointed there)", (c, id, t) => c.PauseAsync(id, t)));
        command.Subcommands.Add(Action("resume", "Resume a paused or failed campaign from its last checkpoint", (c, id, t) => c.ResumeAsync(id, t)));
        command.Subcommands.Add(Action("stop", "Stop for good after the current step (checkpointed there)", (c, id, t) => c.StopAsync(id, t)));
        return command;
    }

    private static Command CreateCommand()
    {
        var file = new Argument<FileInfo>("campaign") { Description = "Campaign file (YAML)" };
        var id = new Option<string?>("--id") { Description = "Campaign id (default: the file's name)" };
        var steps = new Option<int?>("--steps") { Description = "Override the campaign's step count" };
        var noStart = new Option<bool>("--no-start") { Description = "Create only; start it later with `rlvr campaign start`" };
        var command = new Command("create", "Create a campaign from a YAML file on the silo (warm start included) and start it") { file, id, steps, noStart };
        command.SetAction(ClientCommand.Action(async (client, result, cancellation) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                ErrorConsole.Write($"campaign file not found: {path.FullName}");
                return 2;
            }
            var campaignId = result.GetValue(id) ?? Path.GetFileNameWithoutExtension(path.Name);
            // The silo opens no path a request names: the dataset beside the file is read here and sent.
            var local = CampaignFile.Read(path.FullName);
            // Checked here too, so that the bad lines are named in the user's file rather than in the upload.
            local.ReadDataset(VerifierRegistry.CreateDefault());
            string? datasetSha256 = null;
            if (local.Dataset is { } content)
            {
                var dataset = await client.UploadDatasetAsync(content, cancellation);
                Console.WriteLine(DatasetSummary.Describe(
                    local.DatasetPath!, dataset.Bytes, dataset.Records, dataset.MergedRepeats, dataset.Sha256));
                datasetSha256 = dataset.Sha256;
            }
            var request = new CreateCampaignRequest(
                campaignId, local.Yaml, result.GetValue(steps), !result.GetValue(noStart), datasetSha256);
            var campaign = await client.CreateCampaignAsync(request, cancellation);
            if (campaign.Status == "Creating")
            {
                campaign = await AnsiConsole.Status().StartAsync($"{campaignId}: warm start and baseline evaluation on the silo...", async _ =>
                {
                    while (campaign.Status == "Creating")
                    {
                        await Task.Delay(1000, cancellation);
                        campaign = await client.GetCampaignAsync(campaignId, cancellation);
                    }
                    return campaign;
                });
            }
            Show(campaign);
            return campaign.Status == "Failed" ? 1 : 0;
        }));
        return command;
    }

    private static Command Action(string name, string description, Func<RlvrClient, string, CancellationToken, Task<CampaignInfo>> act) =>
        WithId(name, description, async (client, id, cancellation) =>
        {
            var campaign = await act(client, id, cancellation);
            AnsiConsole.MarkupLineInterpolated($"{campaign.Id}: [bold]{campaign.Status}[/] at step {campaign.Step}/{campaign.Steps}");
            return 0;
        });

    private static Command WithId(string name, string description, Func<RlvrClient, string, CancellationToken, Task<int>> run)
    {
        var id = new Argument<string>("id") { Description = "Campaign id" };
        var command = new Command(name, description) { id };
        command.SetAction(ClientCommand.Action((client, result, cancellation) => run(client, result.GetValue(id)!, cancellation)));
        return command;
    }

    private static Table ListTable(IReadOnlyList<CampaignInfo> campaigns)
    {
        var table = new Table().AddColumns("id", "status", "step", "held-out sampled (latest)", "error");
        foreach (var c in campaigns)
        {
            table.AddRow(Markup.Escape(c.Id), c.Status, $"{c.Step}/{c.Steps}",
                c.Evaluations.Count > 0 ? Percent(c.Evaluations[^1].SampledMean) : "", Markup.Escape(c.Error ?? ""));
        }
        return table;
    }

    private static void Show(CampaignInfo c)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]{c.Id}[/]: {c.Status}, step {c.Step}/{c.Steps}, policy version {c.PolicyVersion}, configuration {c.ConfigHash}");
        if (c.Error is { } error)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{error}[/]");
        }
        if (c.Latest is { } m)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"latest step {m.Step}: reward {m.Metric("reward"):F3}, kl {m.Metric("kl"):F4}, clip {m.Metric("clip_fraction"):F3}, entropy {m.Metric("entropy"):F3}, {m.Metric("tokens")} tokens, {m.PhasesMs.GetValueOrDefault("wall") / 1000:F1} s");
        }
        if (c.Evaluations.Count > 0)
        {
            var table = new Table().Title("held-out accuracy (mean over distributions)").AddColumns("step", "greedy", "sampled");
            foreach (var e in c.Evaluations)
            {
                table.AddRow(e.Step.ToString(CultureInfo.InvariantCulture), Percent(e.GreedyMean), Percent(e.SampledMean));
            }
            AnsiConsole.Write(table);
        }
    }

    private static string Percent(double value) => value.ToString("P1", CultureInfo.InvariantCulture);
}
