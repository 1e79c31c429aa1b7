using System.CommandLine;
using System.Globalization;
using Rlvr.Api.Contracts;
using Rlvr.Client;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Rlvr.Cli;

/// <summary>`rlvr campaign create|list|show|start|pause|resume|stop|delete`: campaigns on a running silo.</summary>
internal static class CampaignCommands
{
    public static Command Create()
    {
        var command = new Command("campaign", "Create, list, show, steer and delete campaigns on a running silo");
        command.Subcommands.Add(CreateCommand());
        var listJson = JsonOutput.CreateOption();
        command.Subcommands.Add(new Command("list", "List the silo's campaigns") { listJson }.WithClient(async (client, result, cancellation) =>
        {
            var campaigns = await client.ListCampaignsAsync(cancellation);
            if (result.GetValue(listJson))
            {
                JsonOutput.Write(campaigns);
            }
            else
            {
                AnsiConsole.Write(ListTable(campaigns));
            }
            return 0;
        }));
        command.Subcommands.Add(ShowCommand());
        command.Subcommands.Add(Action("start", "Start a created campaign", (c, id, t) => c.StartAsync(id, t)));
        command.Subcommands.Add(Action("pause", "Pause after the current step (checkpointed there)", (c, id, t) => c.PauseAsync(id, t)));
        command.Subcommands.Add(Action("resume", "Resume a paused or failed campaign from its last checkpoint", (c, id, t) => c.ResumeAsync(id, t)));
        command.Subcommands.Add(Action("stop", "Stop for good after the current step (checkpointed there)", (c, id, t) => c.StopAsync(id, t)));
        command.Subcommands.Add(DeleteCommand());
        return command;
    }

    /// <summary>Statuses a campaign does not leave by itself: --watch stops there.</summary>
    public static bool Ended(CampaignInfo campaign) => campaign.Status is "Completed" or "Failed" or "Stopped" or "Paused";

    private static Command CreateCommand()
    {
        var file = new Argument<FileInfo>("campaign") { Description = "Campaign file (YAML)" };
        var id = new Option<string?>("--id") { Description = "Campaign id (default: the file's name without its extension)" };
        var steps = new Option<int?>("--steps") { Description = "Override the campaign's step count" };
        var noStart = new Option<bool>("--no-start") { Description = "Create only; start it later with `rlvr campaign start`" };
        var watch = new Option<bool>("--watch") { Description = "Follow the campaign until it ends (Ctrl+C leaves it running)" };
        var json = JsonOutput.CreateOption();
        var command = new Command("create", "Create a campaign from a YAML file on the silo (warm start included) and start it")
        {
            file, id, steps, noStart, watch, json,
        };
        return command.WithClient(async (client, result, cancellation) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                ErrorConsole.Write($"campaign file not found: {path.FullName}");
                return UserErrors.ExitCode;
            }
            var asJson = result.GetValue(json);
            var campaignId = result.GetValue(id) ?? Path.GetFileNameWithoutExtension(path.Name);
            // The silo opens no path a request names: the dataset beside the file is read here and sent. Checked here
            // too, so that errors name the user's file and lines rather than the request's fields.
            var checkedFile = CheckedCampaignFile.Load(path.FullName, result.GetValue(steps));
            var local = checkedFile.File;
            if (!asJson)
            {
                Console.WriteLine(HeldOutSummary.Describe(checkedFile.Campaign));
            }
            string? datasetSha256 = null;
            if (local.Dataset is { } content)
            {
                var dataset = await client.UploadDatasetAsync(content, cancellation);
                if (!asJson)
                {
                    Console.WriteLine(DatasetSummary.Describe(
                        local.DatasetPath!, dataset.Bytes, dataset.Records, dataset.MergedRepeats, dataset.Sha256));
                }
                datasetSha256 = dataset.Sha256;
            }
            var request = new CreateCampaignRequest(
                campaignId, local.Yaml, result.GetValue(steps), !result.GetValue(noStart), datasetSha256);
            var campaign = await client.CreateCampaignAsync(request, cancellation);
            if (campaign.Status == "Creating")
            {
                campaign = await WaitForCreation(client, campaign, asJson, cancellation);
            }
            if (result.GetValue(watch))
            {
                campaign = await Follow(client, campaign, asJson, cancellation);
            }
            else if (asJson)
            {
                JsonOutput.Write(campaign);
            }
            else
            {
                AnsiConsole.Write(Render(campaign));
            }
            return campaign.Status == "Failed" ? 1 : 0;
        });
    }

    private static async Task<CampaignInfo> WaitForCreation(RlvrClient client, CampaignInfo campaign, bool json, CancellationToken cancellation)
    {
        async Task<CampaignInfo> Poll(CancellationToken token)
        {
            while (campaign.Status == "Creating")
            {
                await Task.Delay(1000, token);
                campaign = await client.GetCampaignAsync(campaign.Id, token);
            }
            return campaign;
        }
        return CliConsole.Interactive && !json
            ? await AnsiConsole.Status().StartAsync($"{campaign.Id}: warm start and baseline evaluation on the silo...", _ => Poll(cancellation))
            : await Poll(cancellation);
    }

    private static Command ShowCommand()
    {
        var id = new Argument<string>("id") { Description = "Campaign id" };
        var watch = new Option<bool>("--watch") { Description = "Refresh until the campaign completes, fails, stops or pauses (Ctrl+C to leave)" };
        var json = JsonOutput.CreateOption();
        var command = new Command("show", "Show a campaign: status, latest step, held-out evaluations") { id, watch, json };
        return command.WithClient(async (client, result, cancellation) =>
        {
            var campaign = await client.GetCampaignAsync(result.GetValue(id)!, cancellation);
            if (result.GetValue(watch))
            {
                await Follow(client, campaign, result.GetValue(json), cancellation);
            }
            else if (result.GetValue(json))
            {
                JsonOutput.Write(campaign);
            }
            else
            {
                AnsiConsole.Write(Render(campaign));
            }
            return 0;
        });
    }

    private static Task<CampaignInfo> Follow(RlvrClient client, CampaignInfo campaign, bool json, CancellationToken cancellation) =>
        Watch.Follow(campaign, token => client.GetCampaignAsync(campaign.Id, token), Render, Ended, TimeSpan.FromSeconds(2), json, cancellation);

    private static Command DeleteCommand()
    {
        var id = new Argument<string>("id") { Description = "Campaign id" };
        var command = new Command("delete",
            "Delete a campaign that is not running, with its data: state, metrics, evaluations and checkpoints (its id can be created again)") { id };
        return command.WithClient(async (client, result, cancellation) =>
        {
            var campaignId = result.GetValue(id)!;
            await client.DeleteCampaignAsync(campaignId, cancellation);
            Console.WriteLine($"{campaignId}: deleted with its state, metrics, evaluations and checkpoints");
            return 0;
        });
    }

    private static Command Action(string name, string description, Func<RlvrClient, string, CancellationToken, Task<CampaignInfo>> act)
    {
        var id = new Argument<string>("id") { Description = "Campaign id" };
        var json = JsonOutput.CreateOption();
        return new Command(name, description) { id, json }.WithClient(async (client, result, cancellation) =>
        {
            var campaign = await act(client, result.GetValue(id)!, cancellation);
            if (result.GetValue(json))
            {
                JsonOutput.Write(campaign);
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated($"{campaign.Id}: [bold]{campaign.Status}[/] at step {campaign.Step}/{campaign.Steps}");
            }
            return 0;
        });
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

    private static Rows Render(CampaignInfo c)
    {
        var parts = new List<IRenderable>
        {
            new Markup(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{c.Id}: {c.Status}, step {c.Step}/{c.Steps}, policy version {c.PolicyVersion}, strategy {c.Strategy ?? "?"}, configuration {c.ConfigHash}"))),
        };
        // Memorisation: the training pass rate far above held-out accuracy; the message gives both numbers.
        parts.AddRange(c.Warnings.Select(w => new Markup($"[yellow]warning: {Markup.Escape(w.Message)}[/]")));
        if (c.Error is { } error)
        {
            parts.Add(new Markup($"[red]{Markup.Escape(error)}[/]"));
        }
        if (c.Latest is { } m)
        {
            parts.Add(new Markup(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"last step: reward {m.Metric("reward"):F3}, kl {m.Metric("kl"):F4}, clip {m.Metric("clip_fraction"):F3}, entropy {m.Metric("entropy"):F3}, {m.Metric("tokens")} tokens, {m.PhasesMs.GetValueOrDefault("wall") / 1000:F1} s"))));
        }
        if (c.Evaluations.Count > 0)
        {
            var table = new Table().Title("held-out accuracy (mean over distributions)").AddColumns("step", "greedy", "sampled");
            foreach (var e in c.Evaluations)
            {
                table.AddRow(e.Step.ToString(CultureInfo.InvariantCulture), Percent(e.GreedyMean), Percent(e.SampledMean));
            }
            parts.Add(table);
        }
        return new Rows(parts);
    }

    private static string Percent(double value) => value.ToString("P1", CultureInfo.InvariantCulture);
}
