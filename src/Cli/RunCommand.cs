using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Silo;
using Rlvr.Torch;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Metrics;
using Rlvr.Training.Tasks;
using Spectre.Console;

namespace Rlvr.Cli;

/// <summary>
/// `rlvr run`: hosts an in-process silo (SQLite storage under the data directory), creates and runs a campaign,
/// and prints held-out accuracy per distribution before (after the warm start) and after training.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("campaign") { Description = "Campaign file (YAML)" };
        var dataDirectory = new Option<DirectoryInfo>("--data-dir")
        {
            Description = "Storage, warm-start cache, policy and metrics",
            DefaultValueFactory = _ => new DirectoryInfo(".rlvr"),
        };
        var steps = new Option<int?>("--steps") { Description = "Override the campaign's step count" };
        var threads = ThreadsOption.Create();
        var kernels = CpuKernelsOption.Create();
        // No default value: the help would print whichever free port it found; the description says what it is.
        var listen = new Option<string?>("--listen")
        {
            Description = $"The silo's API while the campaign runs: {SiloCommandLine.DefaultListen}, or a free port if that one is taken, unless given",
            HelpName = "url",
        };
        var command = new Command("run", "Run a training campaign in an in-process silo and report held-out accuracy before and after")
        {
            file, dataDirectory, steps, threads, kernels, listen,
        };
        command.SetAction((result, cancellation) => Run(
            result.GetValue(file)!, result.GetValue(dataDirectory)!, result.GetValue(steps), result.GetValue(threads), CpuKernelsOption.Value(result, kernels), result.GetValue(listen) ?? SiloCommandLine.DefaultOrFreeListen(),
            cancellation));
        return command;
    }

    private static async Task<int> Run(FileInfo file, DirectoryInfo dataDirectory, int? steps, int threads, CpuKernels kernels, string listen,
        CancellationToken cancellation)
    {
        if (!file.Exists)
        {
            ErrorConsole.Write($"campaign file not found: {file.FullName}");
            return 2;
        }
        // Loading libtorch (a few hundred shared libraries on Debian) takes about a second: it overlaps reading the
        // campaign and its dataset.
        var torch = Task.Run(
            () =>
            {
                TorchRuntime.UseCpuKernels(kernels);
                TorchRuntime.SetThreads(threads);
            },
            cancellation);
        try
        {
            return await Run(file, dataDirectory, steps, threads, listen, torch, cancellation);
        }
        finally
        {
            // Exiting while libtorch is still loading races its static initializers and aborts the process.
            await torch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task<int> Run(FileInfo file, DirectoryInfo dataDirectory, int? steps, int threads, string listen, Task torch,
        CancellationToken cancellation)
    {
        // A configuration or dataset error (UserErrors) stops here, before the silo starts.
        var (local, dataset, spec, campaign) = CheckedCampaignFile.Load(file.FullName, steps);
        Directory.CreateDirectory(dataDirectory.FullName);
        // One campaign per file and configuration: rerunning the same configuration shows the stored result.
        var id = $"{Path.GetFileNameWithoutExtension(file.Name)}-{campaign.ConfigHash[..12]}";

        // The silo's role probes libtorch for CUDA devices: the CPU kernels must be chosen first.
        await torch;
        WebApplication host;
        try
        {
            host = SiloCommandLine.Build(dataDirectory.FullName, listen, quiet: true);
        }
        catch (InvalidOperationException e)
        {
            ErrorConsole.Write(e.Message);
            return 2;
        }
        await using var _ = host;
        var lifetime = host.Services.GetRequiredService<CliLifetime>();
        // Until the campaign is created, a signal abandons the run: nothing of the campaign is stored before its warm
        // start ends (a creation is stored at once, whole), and the next run creates it again.
        lifetime.AbandonNotice = $"interrupted before campaign {id} was created (its warm start abandoned, nothing of it stored): " +
            $"run `rlvr run {file.Name}` again to start it over";
        try
        {
            await host.StartAsync(cancellation);
        }
        catch (Exception e) when (SiloStartFailure.Describe(e) is { } failure)
        {
            // Orleans may have started before Kestrel failed to bind: stopped, so that nothing is left half-started
            // (one that never ran throws, having nothing to stop).
            await host.StopAsync(CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ErrorConsole.Write(failure);
            return 2;
        }
        try
        {
            return await Train(host, local, dataset, spec, campaign, id, file, dataDirectory.FullName, threads);
        }
        catch
        {
            // Stopped before it is disposed, so that a failed creation (say, no GPU silo for the learner) leaves
            // the one message the command prints, not the errors of a silo torn down mid-flight.
            await host.StopAsync(CancellationToken.None);
            throw;
        }
    }

    private static async Task<int> Train(
        WebApplication host, CampaignFile local, DatasetRecords? dataset, CampaignSpec spec, Campaign campaign, string id, FileInfo file, string dataDirectory,
        int threads)
    {
        var lifetime = host.Services.GetRequiredService<CliLifetime>();
        // Ctrl+C or SIGTERM (CliLifetime): the campaign pauses where it stands, checkpointed, and the next run resumes it.
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        if (local.Dataset is { } content)
        {
            // The campaign reads this snapshot from now on, on this run and every resume: never the file again.
            await host.Services.GetRequiredService<DatasetSnapshotStore>().SaveAsync(content, CancellationToken.None);
            Console.WriteLine(DatasetSummary.Describe(
                local.DatasetPath!, content.Length, dataset!.Prompts.Count, dataset.MergedRepeats, spec.DatasetSha256!));
        }
        var stopwatch = Stopwatch.StartNew();
        var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICampaignGrain>(id);
        AnsiConsole.MarkupLineInterpolated($"campaign [bold]{id}[/]: {campaign.Config.Steps} steps, {campaign.Catalog.Distributions.Count} distributions, {threads} thread(s), CPU kernels: {TorchRuntime.Kernels}, data in {dataDirectory}");
        AnsiConsole.WriteLine(HeldOutSummary.Describe(campaign));
        AnsiConsole.MarkupLineInterpolated($"API on {string.Join(", ", host.Urls)}: e.g. rlvr curriculum show {id} --watch --server {host.Urls.First()}");
        AnsiConsole.MarkupLineInterpolated($"dashboard: {host.Urls.First().TrimEnd('/')}/dashboard/#/campaigns/{Uri.EscapeDataString(id)}");
        var created = await AnsiConsole.Status().StartAsync("warm start and baseline evaluation...", _ => grain.Create(spec));
        AnsiConsole.MarkupLineInterpolated($"warm start and baseline evaluation: {stopwatch.Elapsed.TotalSeconds:F1} s");
        lifetime.AbandonNotice = null;
        var final = created;
        if (created.Status is CampaignStatus.Created or CampaignStatus.Running or CampaignStatus.Paused or CampaignStatus.Failed
            && !stopping.IsCancellationRequested)
        {
            if (created.Status is CampaignStatus.Paused or CampaignStatus.Failed)
            {
                AnsiConsole.MarkupLineInterpolated($"resuming the {created.Status.ToString().ToLowerInvariant()} campaign from its last checkpoint{(created.Error is { } error ? $" (it failed with: {error})" : "")}");
                await grain.ResumeFromCheckpoint();
            }
            else if (created.Status == CampaignStatus.Created)
            {
                await grain.Start();
            }
            // A running one was revived when the silo started (and may finish before this looks again): it is followed.
            final = await Follow(grain, created.Steps, stopping);
        }
        if (stopping.IsCancellationRequested)
        {
            final = await PauseWhereItStands(grain, final);
        }
        await host.StopAsync(CancellationToken.None);

        if (stopping.IsCancellationRequested && final.Status is CampaignStatus.Created or CampaignStatus.Paused)
        {
            AnsiConsole.MarkupLineInterpolated($"campaign {id} paused at step {final.Step} of {final.Steps}, checkpointed there: run `rlvr run {file.Name}` again (same options) to resume it");
            return lifetime.ExitCode;
        }
        if (final.Status != CampaignStatus.Completed)
        {
            ErrorConsole.Write($"campaign {final.Status}: {final.Error}");
            return 1;
        }
        AnsiConsole.Write(AccuracyTable(final.Evaluations[0], final.Evaluations[^1]));
        var metrics = host.Services.GetRequiredService<SiloStorageOptions>().Provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)
            ? Path.Combine(dataDirectory, id, CampaignHistory.FileName)
            : $"the storage's record logs (rlvr metrics export {id})";
        AnsiConsole.MarkupLineInterpolated($"total wall time {stopwatch.Elapsed.TotalSeconds:F1} s; metrics in {metrics}");
        return 0;
    }

    /// <summary>Pauses a running campaign after its current step, which checkpoints it there; one that ended meanwhile stays as it is.</summary>
    private static async Task<CampaignProgress> PauseWhereItStands(ICampaignGrain grain, CampaignProgress progress)
    {
        if (progress.Status == CampaignStatus.Running)
        {
            try
            {
                await grain.Interrupt();
                await grain.Pause();
            }
            catch (CampaignConflictException)
            {
                // It completed (or failed) between the last look and the pause: reported as such.
            }
        }
        return await grain.GetProgress();
    }

    private static async Task<CampaignProgress> Follow(ICampaignGrain grain, int steps, CancellationToken cancellation)
    {
        CampaignProgress progress = await grain.GetProgress();
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting", maxValue: steps);
                while (progress.Status is CampaignStatus.Running or CampaignStatus.Created && !cancellation.IsCancellationRequested)
                {
                    await Task.Delay(250, CancellationToken.None);
                    progress = await grain.GetProgress();
                    task.Value = progress.Step;
                    if (progress.Latest is { } m)
                    {
                        task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                            $"step {m.Step}/{steps} reward {m[StepMetric.Reward]:F2} pass {string.Join(" ", m.PassRates.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{Short(p.Key)}:{p.Value:F2}"))}{(m[StepMetric.PredictionCorrelation] is { } r ? $" dots r {r:F2}" : "")}"));
                    }
                }
            });
        return progress;
    }

    private static Table AccuracyTable(EvaluationResult before, EvaluationResult after)
    {
        var table = new Table()
            .Title("held-out accuracy: greedy, and pass@1 sampled at the training temperature")
            .AddColumns("distribution", $"greedy before (step {before.Step})", $"greedy after (step {after.Step})", "change",
                "sampled before", "sampled after", "change");
        foreach (var name in before.Accuracy.Keys.Order(StringComparer.Ordinal))
        {
            table.AddRow(Row(Markup.Escape(name), before.Accuracy[name], after.Accuracy[name], before.SampledAccuracy[name], after.SampledAccuracy[name]));
        }
        table.AddRow(Row("[bold]mean[/]", before.Mean, after.Mean, before.SampledMean, after.SampledMean));
        return table;
    }

    private static string[] Row(string name, double greedyBefore, double greedyAfter, double sampledBefore, double sampledAfter) =>
    [
        name, Percent(greedyBefore), Percent(greedyAfter), Signed(greedyAfter - greedyBefore),
        Percent(sampledBefore), Percent(sampledAfter), Signed(sampledAfter - sampledBefore),
    ];

    private static string Short(string distribution) => distribution[(distribution.LastIndexOf('/') + 1)..];

    private static string Percent(double value) => value.ToString("P1", CultureInfo.InvariantCulture);

    private static string Signed(double value)
    {
        var text = (value * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " pp";
        return value > 0 ? $"[green]{text}[/]" : value < 0 ? $"[red]{text}[/]" : text;
    }
}
