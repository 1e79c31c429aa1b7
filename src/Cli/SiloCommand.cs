using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Hosting;
using Rlvr.Torch;
using Spectre.Console;

namespace Rlvr.Cli;

/// <summary>`rlvr silo`: runs a silo with the HTTP API until stopped; campaigns it was running resume by themselves.</summary>
internal static class SiloCommand
{
    public static Command Create()
    {
        var dataDirectory = new Option<DirectoryInfo>("--data-dir")
        {
            Description = "Storage, checkpoints, warm-start cache and campaign files",
            DefaultValueFactory = _ => new DirectoryInfo(".rlvr"),
        };
        var listen = new Option<string>("--listen")
        {
            Description = "API address; beyond loopback it needs a token (RLVR_Api__Token)",
            DefaultValueFactory = _ => SiloCommandLine.DefaultListen,
        };
        var threads = ThreadsOption.Create();
        var kernels = CpuKernelsOption.Create();
        var role = new Option<string?>("--role")
        {
            Description = "What the silo advertises: auto (a GPU silo when the shim sees a CUDA device), gpu (learners go here) or cpu (env RLVR_Silo__Role)",
        };
        role.AcceptOnlyFromAmong("auto", "gpu", "cpu");
        var name = new Option<string?>("--name") { Description = "The silo's name in its cluster (env RLVR_Silo__SiloName)" };
        var command = new Command("silo", "Run a silo (SQLite and local checkpoints under --data-dir, unless RLVR_Storage__* says otherwise; one of a cluster with RLVR_Silo__Membership) with the HTTP API")
        {
            dataDirectory, listen, threads, kernels, role, name,
        };
        command.SetAction(async (result, cancellation) =>
        {
            TorchRuntime.UseCpuKernels(CpuKernelsOption.Value(result, kernels));
            TorchRuntime.SetThreads(result.GetValue(threads));
            try
            {
                var settings = new Dictionary<string, string>();
                if (result.GetValue(role) is { } chosen)
                {
                    settings["Role"] = chosen;
                }
                if (result.GetValue(name) is { } named)
                {
                    settings["SiloName"] = named;
                }
                await using var silo = SiloCommandLine.Build(result.GetValue(dataDirectory)!.FullName, result.GetValue(listen)!, quiet: false, settings);
                try
                {
                    await silo.StartAsync(cancellation);
                }
                catch (Exception e) when (SiloStartFailure.Describe(e) is { } failure)
                {
                    // Orleans may have started before Kestrel failed to bind: stopped, so that nothing is left half-started
                    // (one that never ran throws, having nothing to stop).
                    await silo.StopAsync(CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    ErrorConsole.Write(failure);
                    return 2;
                }
                var capabilities = silo.Services.GetRequiredService<SiloCapabilities>();
                AnsiConsole.MarkupLineInterpolated(
                    $"silo up; API on {string.Join(", ", silo.Urls)} (Ctrl+C or SIGTERM stops it, checkpointing its running campaigns first, within {CampaignShutdownCheckpoint.Bound.TotalSeconds:F0} s); CPU kernels: {TorchRuntime.Kernels}; {(capabilities.Gpu ? "GPU" : "CPU")} silo, learners here on {capabilities.Device}");
                AnsiConsole.MarkupLineInterpolated($"dashboard: {silo.Urls.First().TrimEnd('/')}/dashboard/");
                // Stopped by a signal (CliLifetime), checkpointed: exit 0, a service manager's clean stop.
                await silo.WaitForShutdownAsync(CancellationToken.None);
                return 0;
            }
            catch (InvalidOperationException e)
            {
                ErrorConsole.Write(e.Message);
                return 2;
            }
        });
        return command;
    }
}
