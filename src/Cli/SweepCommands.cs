using System.CommandLine;
using System.Globalization;
using Rlvr.Api.Contracts;
using Rlvr.Client;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Rlvr.Cli;

/// <summary>`rlvr sweep create|show|list|stop`: sweeps on a running silo, their campaigns and the comparison of their arms.</summary>
internal static class SweepCommands
{
    private static readonly TimeSpan WatchPeriod = TimeSpan.FromSeconds(2);

    public static Command Create()
    {
        var command = new Command("sweep", "Create, show, list and stop sweeps (a base campaign and axes) on a running silo");
        var file = new Argument<FileInfo>("sweep") { Description = "Sweep file (YAML): base, axes, concurrency, reference" };
        var watch = new Option<bool>("--watch") { Description = "Follow the sweep until it ends, then show its comparison" };
        var createJson = JsonOutput.CreateOption();
        var create = new Command("create", "Expand a sweep file into campaigns on the silo and start them, a few at a time") { file, watch, createJson };
        create.WithClient(async (client, result, cancellation) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                ErrorConsole.Write($"sweep file not found: {path.FullName}");
                return UserErrors.ExitCode;
            }
            var local = SweepFile.Read(path.FullName);
            var sweep = await client.CreateSweepAsync(new CreateSweepRequest(local.Id, local.Spec), cancellation);
            if (!result.GetValue(createJson))
            {
                Console.WriteLine($"sweep {sweep.Id}: {sweep.Campaigns.Count} campaigns, {sweep.Concurrency} at a time");
            }
            return await ShowOrWatch(client, sweep, result.GetValue(watch), result.GetValue(createJson), cancellation);
        });
        command.Subcommands.Add(create);

        var id = new Argument<string>("id") { Description = "Sweep id" };
        var showWatch = new Option<bool>("--watch") { Description = "Refresh until the sweep ends" };
        var showJson = JsonOutput.CreateOption();
        var show = new Command("show", "Show a sweep: its campaigns' progress and the comparison of its arms") { id, showWatch, showJson };
        show.WithClient(async (client, result, cancellation) =>
            await ShowOrWatch(client, await client.GetSweepAsync(result.GetValue(id)!, cancellation), result.GetValue(showWatch), result.GetValue(showJson), cancellation));
        command.Subcommands.Add(show);

        var listJson = JsonOutput.CreateOption();
        var list = new Command("list", "List the silo's sweeps") { listJson };
        list.WithClient(async (client, result, cancellation) =>
        {
            var sweeps = await client.ListSweepsAsync(cancellation);
            if (result.GetValue(listJson))
            {
                JsonOutput.Write(sweeps);
                return 0;
            }
            var table = new Table().AddColumns("id", "status", "campaigns completed", "concurrency", "reference");
            foreach (var s in sweeps)
            {
                table.AddRow(Markup.Escape(s.Id), s.Status, $"{Completed(s)}/{s.Campaigns.Count}",
                    s.Concurrency.ToString(CultureInfo.InvariantCulture), Markup.Escape(s.Reference));
            }
            AnsiConsole.Write(table);
            return 0;
        });
        command.Subcommands.Add(list);

        var stopId = new Argument<string>("id") { Description = "Sweep id" };
        var stopJson = JsonOutput.CreateOption();
        var stop = new Command("stop", "Stop a sweep and its campaigns for good (each checkpointed where it stands)") { stopId, stopJson };
        stop.WithClient(async (client, result, cancellation) =>
        {
            var sweep = await client.StopSweepAsync(result.GetValue(stopId)!, cancellation);
            if (result.GetValue(stopJson))
            {
                JsonOutput.Write(sweep);
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated($"{sweep.Id}: [bold]{sweep.Status}[/], {Completed(sweep)}/{sweep.Campaigns.Count} campaigns completed");
            }
            return 0;
        });
        command.Subcommands.Add(stop);
        return command;
    }

    private static async Task<int> ShowOrWatch(RlvrClient client, SweepInfo sweep, bool watch, bool json, CancellationToken cancellation)
    {
        if (json)
        {
            sweep = watch ? await Watch.Follow(sweep, token => client.GetSweepAsync(sweep.Id, token), Render, s => s.Status != "Running", WatchPeriod, true, cancellation) : sweep;
            if (!watch)
            {
                JsonOutput.Write(sweep);
            }
            return 0;
        }
        if (watch && sweep.Status == "Running")
        {
            sweep = !CliConsole.Interactive
                ? await FollowPlain(client, sweep, cancellation)
                : await AnsiConsole.Live(Render(sweep)).StartAsync(async live =>
                {
                    while (sweep.Status == "Running")
                    {
                        await Task.Delay(WatchPeriod, cancellation);
                        sweep = await client.GetSweepAsync(sweep.Id, cancellation);
                        live.UpdateTarget(Render(sweep));
                    }
                    return sweep;
                });
            if (CliConsole.Interactive)
            {
                return 0;
            }
        }
        AnsiConsole.Write(Render(sweep));
        return 0;
    }

    /// <summary>Into a log: one line whenever a campaign's status changes, instead of a redrawn table.</summary>
    private static async Task<SweepInfo> FollowPlain(RlvrClient client, SweepInfo sweep, CancellationToken cancellation)
    {
        var last = "";
        while (true)
        {
            var now = string.Join(", ", sweep.Campaigns.Where(c => c.Status is not ("Pending" or "Completed")).Select(c => $"{c.CampaignId} {c.Status}"));
            var line = $"sweep {sweep.Id}: {sweep.Status}, {Completed(sweep)}/{sweep.Campaigns.Count} completed{(now.Length > 0 ? "; " + now : "")}";
            if (line != last)
            {
                Console.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");
                last = line;
            }
            if (sweep.Status != "Running")
            {
                return sweep;
            }
            await Task.Delay(WatchPeriod, cancellation);
            sweep = await client.GetSweepAsync(sweep.Id, cancellation);
        }
    }

    private static Rows Render(SweepInfo s)
    {
        var c = s.Comparison;
        var header = new Markup(Markup.Escape(
            $"sweep {s.Id}: {s.Status}, {Completed(s)}/{s.Campaigns.Count} campaigns completed, {s.Concurrency} at a time; " +
            $"axes {string.Join(", ", s.Axes.Select(a => $"{a.Name} [{string.Join(", ", a.Values)}]"))}"));
        var target = c.ReferenceAccuracy is { } accuracy ? $"{s.Reference}'s {Number(accuracy)}" : $"{s.Reference}'s final";
        var budget = c.RolloutBudget is { } rollouts ? rollouts.ToString("N0", CultureInfo.InvariantCulture) : "equal";
        var comparison = new Table().Title("held-out pass@1, mean over distributions, trailing mean of the last 3 evaluations; over completed seeds")
            .AddColumns("arm", "seeds done", "final sampled", "final greedy", Markup.Escape($"rollouts to reach {target} (seeds)"),
                Markup.Escape($"sampled within {budget} rollouts"), "training time (s)");
        foreach (var a in c.Arms)
        {
            comparison.AddRow(
                Markup.Escape(a.Arm), $"{a.Finished}/{a.Seeds}", MeanStd(a.FinalSampledMean, a.FinalSampledStd),
                MeanStd(a.FinalGreedyMean, a.FinalGreedyStd),
                a.RolloutsToReference is { } r ? $"{r.ToString("N0", CultureInfo.InvariantCulture)} ({a.ReachedSeeds}/{a.Finished})" : $"n/a ({a.ReachedSeeds}/{a.Finished})",
                MeanStd(a.AccuracyAtBudgetMean, a.AccuracyAtBudgetStd),
                a.WallSecondsMean is { } w ? w.ToString("N1", CultureInfo.InvariantCulture) : "");
        }
        var campaigns = new Table().AddColumns("campaign", "arm", "seed", "status", "step", "error");
        foreach (var x in s.Campaigns)
        {
            campaigns.AddRow(Markup.Escape(x.CampaignId), Markup.Escape(x.Arm), x.Seed.ToString(CultureInfo.InvariantCulture), x.Status,
                $"{x.Step}/{x.Steps}", Markup.Escape(x.Error ?? ""));
        }
        IRenderable[] parts = c.Unfinished.Count > 0
            ? [header, comparison, new Markup(Markup.Escape($"not completed, so left out: {string.Join(", ", c.Unfinished)}")), campaigns]
            : [header, comparison, campaigns];
        return new Rows(parts);
    }

    private static int Completed(SweepInfo s) => s.Campaigns.Count(c => c.Status == "Completed");

    private static string MeanStd(double? mean, double? std) => mean is { } m ? $"{Number(m)} ± {Number(std ?? 0)}" : "";

    private static string Number(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
}
