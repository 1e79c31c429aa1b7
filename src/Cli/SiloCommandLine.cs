using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rlvr.Grains.Campaigns;
using Rlvr.Silo;
using Rlvr.Silo.Api;

namespace Rlvr.Cli;

/// <summary>Builds the silo of `rlvr silo` and `rlvr run`: the project's silo host with the command line's data directory and API address.</summary>
internal static class SiloCommandLine
{
    public static readonly string DefaultListen = $"http://127.0.0.1:{ApiOptions.DefaultPort}";

    /// <param name="quiet">Only warnings and the campaign's resume notice (for `rlvr run`, whose progress is on the console).</param>
    /// <param name="silo">Settings of the "Silo" section the command line gives (name, role), over the environment's.</param>
    public static WebApplication Build(string dataDirectory, string listen, bool quiet, IReadOnlyDictionary<string, string>? silo = null)
    {
        return SiloHost.Build([], builder =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["Storage:DataDirectory"] = dataDirectory,
                ["Api:Urls"] = listen,
                // A step or a warm start is one long grain call.
                ["Silo:CallTimeout"] = TimeSpan.FromMinutes(5).ToString("c", CultureInfo.InvariantCulture),
            };
            foreach (var (key, value) in silo ?? new Dictionary<string, string>())
            {
                settings[$"Silo:{key}"] = value;
            }
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddSingleton<CliLifetime>();
            builder.Services.AddSingleton<IHostLifetime>(services => services.GetRequiredService<CliLifetime>());
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                // A silo's log is read after the fact (which silo did what, when, in a cluster): `rlvr run` shows progress instead.
                o.TimestampFormat = quiet ? null : "HH:mm:ss.fff ";
            });
            // A start-up note that says nothing of this silo: a watchdog check that has not run yet.
            builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
            // A host that fails to start is reported by the command itself, without the stack trace.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
            // So is an Orleans endpoint that cannot bind (Silo:Port in use), which Orleans logs with its stack trace first;
            // its silo's other notes say nothing of this silo (a workstation GC by choice).
            builder.Logging.AddFilter("Orleans.Runtime.Silo", LogLevel.None);
            builder.Logging.AddFilter("Orleans.Runtime.SiloLifecycleSubject", LogLevel.None);
            if (quiet)
            {
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                builder.Logging.AddFilter(typeof(CampaignGrain).FullName, LogLevel.Information);
                // A call that could not be placed (no GPU silo for a learner that requires one) fails the command,
                // which says why: Orleans' own report of it is a stack trace.
                builder.Logging.AddFilter("Orleans.Messaging", LogLevel.None);
            }
            else
            {
                builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
                // Orleans logs its configuration and membership at start-up, and its placement retries through Polly.
                builder.Logging.AddFilter("Orleans", LogLevel.Warning);
                builder.Logging.AddFilter("Polly", LogLevel.Warning);
            }
        });
    }

    /// <summary>The default loopback address if its port is free, else a free port: two `rlvr run` side by side both get an API.</summary>
    public static string DefaultOrFreeListen()
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, ApiOptions.DefaultPort);
            probe.Start();
            return DefaultListen;
        }
        catch (SocketException)
        {
            return "http://127.0.0.1:0";
        }
    }
}
