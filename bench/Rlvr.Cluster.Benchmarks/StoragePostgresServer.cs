using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Rlvr.Storage.Tests.Fixtures;

namespace Rlvr.Cluster.Benchmarks;

/// <summary>
/// A fresh database for one benchmark case on the server named by RLVR_BENCH_POSTGRES, or else on a throwaway server of
/// its own (infra/postgres-test-server.sh with a private data directory and a free port), stopped and deleted on
/// disposal so that no server outlives the case.
/// </summary>
internal sealed class StoragePostgresServer : IAsyncDisposable
{
    private const string EnvironmentVariable = "RLVR_BENCH_POSTGRES";

    private readonly string _serverConnectionString;
    private readonly string _databaseName;

    /// <summary>The throwaway server's data directory; null on a configured server.</summary>
    private readonly string? _dataDirectory;

    private StoragePostgresServer(string serverConnectionString, string? dataDirectory)
    {
        _serverConnectionString = serverConnectionString;
        _dataDirectory = dataDirectory;
        _databaseName = "rlvr_bench_" + Guid.NewGuid().ToString("N");
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = _databaseName }.ToString();
    }

    public string ConnectionString { get; }

    public static async Task<StoragePostgresServer> CreateDatabaseAsync()
    {
        StoragePostgresServer database;
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            database = new StoragePostgresServer(configured, dataDirectory: null);
        }
        else
        {
            var dataDirectory = Path.Combine(Path.GetTempPath(), "rlvr-bench-pg-" + Guid.NewGuid().ToString("N"));
            database = new StoragePostgresServer(await StartServerAsync(dataDirectory), dataDirectory);
        }

        try
        {
            await database.ExecuteOnServerAsync($"CREATE DATABASE {database._databaseName}");
        }
        catch
        {
            await database.StopServerAsync();
            throw;
        }

        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_dataDirectory is null)
        {
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)");
        }
        else
        {
            await StopServerAsync();
        }
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(_serverConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartServerAsync(string dataDirectory)
    {
        try
        {
            return (await RunScriptAsync("start", dataDirectory)).Trim().Split('\n')[^1];
        }
        catch (InvalidOperationException e)
        {
            DeleteDataDirectory(dataDirectory);
            throw new InvalidOperationException($"{e.Message} The benchmarks start their own PostgreSQL and Azurite: run " +
                $"infra/setup.sh --with-postgres --with-azurite, or set {EnvironmentVariable} to a connection string.", e);
        }
    }

    private async Task StopServerAsync()
    {
        if (_dataDirectory is not null)
        {
            await RunScriptAsync("stop", _dataDirectory);
            DeleteDataDirectory(_dataDirectory);
        }
    }

    private static void DeleteDataDirectory(string dataDirectory)
    {
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        File.Delete(dataDirectory + ".initdb.log");
    }

    /// <summary>Runs infra/postgres-test-server.sh on the data directory (a start on a free port); returns its output.</summary>
    private static async Task<string> RunScriptAsync(string action, string dataDirectory)
    {
        var script = Path.Combine(RepositoryRoot.Find(), "infra", "postgres-test-server.sh");
        var start = new ProcessStartInfo("bash", [script, action])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["RLVR_PG_TEST_DIR"] = dataDirectory;
        start.Environment["RLVR_PG_TEST_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException(
                $"'{script} {action}' failed (exit {process.ExitCode}): {(await error).Trim()}.");
    }
}
