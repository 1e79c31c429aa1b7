using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Rlvr.TestKit;

/// <summary>
/// A throwaway PostgreSQL server (infra/setup.sh --with-postgres installs it), never the system's cluster: a data
/// directory of its own under the temporary directory, a free loopback port, trust authentication. Stopped and deleted on
/// disposal, or once this process has gone when it dies first.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Installation = "/usr/lib/postgresql";

    private readonly string _bin;
    private readonly string _directory;
    private readonly CleanupOnExit _cleanup;

    private PostgresServer(string bin, string directory, CleanupOnExit cleanup, int port)
    {
        _bin = bin;
        _directory = directory;
        _cleanup = cleanup;
        ConnectionString = $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres";
    }

    /// <summary>The Npgsql connection string of the server's maintenance database.</summary>
    public string ConnectionString { get; }

    // PostgreSQL refuses to run as root: as root, its tools run as the postgres user, who owns the data directory.
    private static bool AsRoot => Environment.UserName == "root";

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = Binaries();
        // For this user alone (initdb insists), under TMPDIR: test.sh finds and stops what a run left under its own.
        var directory = Directory.CreateTempSubdirectory("rlvr-pg-").FullName;
        var cleanup = CleanupOnExit.Start(
            $"{Shell(OwnerCommand(Path.Combine(bin, "pg_ctl"), "-D", directory, "-m", "immediate", "stop"))}; rm -rf '{directory}'");
        try
        {
            if (AsRoot)
            {
                await RunAsync(["chown", "postgres:", directory]);
            }

            await RunAsync(OwnerCommand(Path.Combine(bin, "initdb"), "-D", directory, "-A", "trust", "-U", "postgres", "--no-sync"));
            return new PostgresServer(bin, directory, cleanup, await ListenAsync(bin, directory));
        }
        catch
        {
            await StopAsync(bin, directory, "immediate");
            Directory.Delete(directory, recursive: true);
            cleanup.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The watch stays when the server does not stop: it tries again once this process has gone.
        if (!await StopAsync(_bin, _directory, "fast"))
        {
            throw new InvalidOperationException($"The PostgreSQL server in {_directory} did not stop.");
        }

        Directory.Delete(_directory, recursive: true);
        _cleanup.Dispose();
    }

    /// <summary>Starts the server on a free port; returns the port.</summary>
    private static async Task<int> ListenAsync(string bin, string directory)
    {
        var log = Path.Combine(directory, "log");
        // A port free when chosen may be taken by another test's server before PostgreSQL binds it: choose again.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var logged = File.Exists(log) ? new FileInfo(log).Length : 0;
            try
            {
                await RunAsync(OwnerCommand(Path.Combine(bin, "pg_ctl"), "-D", directory, "-l", log, "-w", "-t", "30",
                    "-o", $"-p {port.ToString(CultureInfo.InvariantCulture)} -k {directory} -c listen_addresses=127.0.0.1", "start"));
                return port;
            }
            catch (InvalidOperationException e)
            {
                var problem = File.Exists(log) ? ReadFrom(log, logged) : "";
                if (attempt == 3 || !problem.Contains("Address already in use", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{e.Message}\n{problem}", e);
                }
            }
        }
    }

    /// <summary>Stops the server if it runs (a server that failed to start may still); false when it does not stop.</summary>
    private static async Task<bool> StopAsync(string bin, string directory, string mode)
    {
        try
        {
            await RunAsync(OwnerCommand(Path.Combine(bin, "pg_ctl"), "-D", directory, "status"));
        }
        catch (InvalidOperationException)
        {
            return true;
        }

        try
        {
            await RunAsync(OwnerCommand(Path.Combine(bin, "pg_ctl"), "-D", directory, "-m", mode, "-w", "stop"));
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The newest installed PostgreSQL's programs.</summary>
    private static string Binaries() =>
        (Directory.Exists(Installation) ? Directory.GetDirectories(Installation) : [])
            .Where(version => File.Exists(Path.Combine(version, "bin", "initdb")))
            .OrderByDescending(version => int.TryParse(Path.GetFileName(version), out var major) ? major : 0)
            .Select(version => Path.Combine(version, "bin"))
            .FirstOrDefault()
        ?? throw new InvalidOperationException($"PostgreSQL's initdb not found under {Installation}: run infra/setup.sh --with-postgres.");

    private static string[] OwnerCommand(params string[] command) => AsRoot ? ["runuser", "-u", "postgres", "--", .. command] : command;

    private static string Shell(string[] command) => string.Join(' ', command.Select(word => $"'{word}'"));

    private static string ReadFrom(string file, long offset)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static async Task RunAsync(string[] command)
    {
        using var process = Process.Start(new ProcessStartInfo(command[0], command[1..])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"{command[0]} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{string.Join(' ', command)}' failed (exit {process.ExitCode}): {(await output).Trim()} {(await error).Trim()}");
        }
    }
}
