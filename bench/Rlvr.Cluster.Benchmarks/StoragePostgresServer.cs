using System.Diagnostics;
using Npgsql;

namespace Rlvr.Cluster.Benchmarks;

/// <summary>
/// A fresh database for one benchmark case on the server named by RLVR_BENCH_POSTGRES, or else on the throwaway
/// server that infra/postgres-test-server.sh starts.
/// </summary>
internal sealed class StoragePostgresServer : IAsyncDisposable
{
    private const string EnvironmentVariable = "RLVR_BENCH_POSTGRES";

    private readonly string _serverConnectionString;
    private readonly string _databaseName;

    private StoragePostgresServer(string serverConnectionString, string databaseName)
    {
        _serverConnectionString = serverConnectionString;
        _databaseName = databaseName;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = databaseName }.ToString();
    }

    public string ConnectionString { get; }

    public static async Task<StoragePostgresServer> CreateDatabaseAsync()
    {
        var server = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured ? configured : await StartTestServerAsync();
        var database = new StoragePostgresServer(server, "rlvr_bench_" + Guid.NewGuid().ToString("N"));
        await database.ExecuteOnServerAsync($"CREATE DATABASE {database._databaseName}");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)");
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(_serverConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartTestServerAsync()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Rlvr.Orleans.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException($"Rlvr.Orleans.sln not found above {AppContext.BaseDirectory}; set {EnvironmentVariable} to a connection string.");
        }

        var script = Path.Combine(directory.FullName, "infra", "postgres-test-server.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, "start"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? (await output).Trim().Split('\n')[^1]
            : throw new InvalidOperationException($"'{script} start' failed (exit {process.ExitCode}): {(await error).Trim()}");
    }
}
