using System.Diagnostics;
using Npgsql;

namespace Rlvr.Runtime.Tests.Storage;

/// <summary>
/// A fresh database on a real PostgreSQL server for this test run, dropped at the end. The server is the one
/// named by RLVR_TEST_POSTGRES (a connection string) or else the throwaway one that
/// infra/postgres-test-server.sh starts. No server means the PostgreSQL tests fail, loudly.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private const string EnvironmentVariable = "RLVR_TEST_POSTGRES";

    private string _serverConnectionString = "";
    private string _databaseName = "";

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _serverConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured
            ? configured
            : await StartTestServerAsync();
        _databaseName = "rlvr_test_" + Guid.NewGuid().ToString("N");
        try
        {
            await ExecuteOnServerAsync($"CREATE DATABASE {_databaseName}");
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL tests need a server; connecting with '{_serverConnectionString}' failed: {e.Message}. " +
                $"Run infra/setup.sh --with-postgres, or set {EnvironmentVariable} to a connection string.", e);
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = _databaseName }.ToString();
    }

    public async Task DisposeAsync()
    {
        if (ConnectionString.Length > 0)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)");
        }
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(_serverConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartTestServerAsync()
    {
        var script = Path.Combine(FindRepositoryRoot(), "infra", "postgres-test-server.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, "start"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL tests need a server, and '{script} start' failed (exit {process.ExitCode}): {(await error).Trim()}. " +
                $"Run infra/setup.sh --with-postgres, or set {EnvironmentVariable} to a connection string.");
        }

        return (await output).Trim().Split('\n')[^1];
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Rlvr.Orleans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Rlvr.Orleans.sln not found above {AppContext.BaseDirectory}, so infra/postgres-test-server.sh cannot be run; set {EnvironmentVariable} to a connection string.");
    }
}
