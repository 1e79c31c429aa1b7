using System.Diagnostics;
using System.Globalization;
using System.Text;
using Rlvr.Storage.Azure;

namespace Rlvr.Storage.Tests.Fixtures;

/// <summary>
/// The Azure Storage emulator for this test run: the Azurite that infra/setup.sh --with-azurite installs into
/// .tools/azurite, started in memory on free loopback ports, killed at the end. No Azurite means the Azure tests fail,
/// loudly; they are never skipped.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // Azurite's documented development account; it only works against the emulator.
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly StringBuilder _output = new();
    private Process? _process;
    private ProviderSilo? _silo;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var executable = Path.Combine(RepositoryRoot.Find(), ".tools", "azurite", "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"The Azure tests need Azurite at {executable}; run infra/setup.sh --with-azurite.");
        }

        var (blob, queue, table) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
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
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Azurite ({executable}) did not start.");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await FreePort.AnswersAsync(blob) && await FreePort.AnswersAsync(queue) && await FreePort.AnswersAsync(table)))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"Azurite did not answer on ports {blob}, {queue}, {table} " +
                    (_process.HasExited ? $"(it exited with {_process.ExitCode})" : "within 30 s") + $": {Recorded()}");
            }

            await Task.Delay(100);
        }

        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/{Account};QueueEndpoint=http://127.0.0.1:{queue}/{Account};" +
            $"TableEndpoint=http://127.0.0.1:{table}/{Account};";
    }

    /// <summary>A silo with the Azure grain storage (named "Default") and reminder table, started on first use.</summary>
    public async Task<ProviderSilo> SiloAsync() =>
        _silo ??= await ProviderSilo.StartAsync(silo => silo
            .AddAzureGrainStorage(Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, ConnectionString)
            .UseAzureReminderService(ConnectionString));

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_process is null)
        {
            return;
        }

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
