using System.Diagnostics;
using Npgsql;
using Rlvr.Storage.Postgres;

namespace Rlvr.Storage.Tests.Fixtures;

/// <summary>
/// A fresh database on a real PostgreSQL server for this test run, dropped at the end. The server is the one
/// named by RLVR_TEST_POSTGRES (a connection string) or else the throwaway one that
/// infra/postgres-test-server.sh starts. No server means the PostgreSQL tests fail, loudly.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private const string EnvironmentVariable = "RLVR_TEST_POSTGRES";

    private string _serverConnectionString = "";
    private ProviderSilo? _silo;
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

    /// <summary>A silo with the PostgreSQL grain storage (named "Default") and reminder table, started on first use.</summary>
    public async Task<ProviderSilo> SiloAsync() =>
        _silo ??= await ProviderSilo.StartAsync(silo => silo
            .AddPostgresGrainStorage(Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, ConnectionString)
            .UsePostgresReminderService(ConnectionString));

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

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
        var script = Path.Combine(RepositoryRoot.Find(), "infra", "postgres-test-server.sh");
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
}
