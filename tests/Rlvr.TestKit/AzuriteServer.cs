using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Rlvr.TestKit;

/// <summary>
/// The Azure Storage emulator: the Azurite that infra/setup.sh --with-azurite installs into .tools/azurite, in memory on
/// free loopback ports, stopped on disposal, or once this process has gone when it dies first.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's documented development account; it only works against the emulator.
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly CleanupOnExit _cleanup;
    private readonly StringBuilder _output = new();

    private AzuriteServer(Process process, string connectionString)
    {
        _process = process;
        _cleanup = CleanupOnExit.Start($"kill -KILL {process.Id.ToString(CultureInfo.InvariantCulture)}");
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<AzuriteServer> StartAsync()
    {
        var executable = Path.Combine(RepositoryRoot.Find(), ".tools", "azurite", "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Azurite not found at {executable}: run infra/setup.sh --with-postgres --with-azurite.");
        }

        // A port free when chosen may be taken by another test's server before Azurite binds it: choose again.
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePort.Distinct(3);
            var (server, problem) = await TryStartAsync(executable, ports[0], ports[1], ports[2]);
            if (server is not null)
            {
                return server;
            }

            if (attempt == 3 || !problem.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Azurite did not answer on ports {string.Join(", ", ports)} ({problem})");
            }
        }
    }

    private static async Task<(AzuriteServer? Server, string Problem)> TryStartAsync(
        string executable, int blob, int queue, int table)
    {
        var start = new ProcessStartInfo(executable,
        [
            "--silent", "--inMemoryPersistence", "--skipApiVersionCheck",
            "--blobHost", "127.0.0.1", "--blobPort", Port(blob),
            "--queueHost", "127.0.0.1", "--queuePort", Port(queue),
            "--tableHost", "127.0.0.1", "--tablePort", Port(table),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Azurite ({executable}) did not start.");
        var server = new AzuriteServer(process,
            $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/{Account};QueueEndpoint=http://127.0.0.1:{queue}/{Account};" +
            $"TableEndpoint=http://127.0.0.1:{table}/{Account};");
        server._process.OutputDataReceived += (_, e) => server.Record(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Record(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await FreePort.AnswersAsync(blob) && await FreePort.AnswersAsync(queue) && await FreePort.AnswersAsync(table)))
        {
            if (server._process.HasExited || DateTime.UtcNow > deadline)
            {
                var problem = server._process.HasExited ? $"it exited with {server._process.ExitCode}" : "not within 30 s";
                var output = server.Recorded();
                await server.DisposeAsync();
                return (null, $"{problem}: {output}");
            }

            await Task.Delay(100);
        }

        return (server, "");
    }

    public async ValueTask DisposeAsync()
    {
        // Azurite sometimes needs a second SIGTERM; what still runs after that is killed.
        for (var attempt = 0; attempt < 2 && !_process.HasExited; attempt++)
        {
            await TerminateAsync(_process.Id);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                // Still running: signal again, or kill below.
            }
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _cleanup.Dispose();
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Recorded()
    {
        lock (_output)
        {
            return _output.Length == 0 ? "(no output)" : _output.ToString();
        }
    }

    // .NET's Process.Kill sends SIGKILL; Azurite is first asked to stop with SIGTERM.
    private static async Task TerminateAsync(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]));
        if (kill is not null)
        {
            await kill.WaitForExitAsync();
        }
    }
}
