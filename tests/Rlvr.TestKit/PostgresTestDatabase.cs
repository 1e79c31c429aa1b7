using Npgsql;

namespace Rlvr.TestKit;

/// <summary>
/// A fresh database for a test run or a benchmark case: on the server that the named environment variable gives (a
/// connection string), dropped on disposal, or else on a <see cref="PostgresServer"/> of its own, stopped and deleted on
/// disposal, so that no server outlives its user.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;
    private readonly string _databaseName;

    /// <summary>The database's own server; null on a configured server.</summary>
    private readonly PostgresServer? _server;

    private PostgresTestDatabase(string serverConnectionString, PostgresServer? server, string namePrefix)
    {
        _serverConnectionString = serverConnectionString;
        _server = server;
        _databaseName = namePrefix + Guid.NewGuid().ToString("N");
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = _databaseName }.ToString();
    }

    public string ConnectionString { get; }

    /// <summary>
    /// A database named <paramref name="namePrefix"/> and a fresh id, on the server <paramref name="environmentVariable"/>
    /// names or else on a throwaway one.
    /// </summary>
    public static async Task<PostgresTestDatabase> CreateAsync(string environmentVariable, string namePrefix)
    {
        var advice = $"Run infra/setup.sh --with-postgres, or set {environmentVariable} to a connection string.";
        PostgresTestDatabase database;
        if (Environment.GetEnvironmentVariable(environmentVariable) is { Length: > 0 } configured)
        {
            database = new PostgresTestDatabase(configured, server: null, namePrefix);
        }
        else
        {
            try
            {
                var server = await PostgresServer.StartAsync();
                database = new PostgresTestDatabase(server.ConnectionString, server, namePrefix);
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"A throwaway PostgreSQL server did not start: {e.Message} {advice}", e);
            }
        }

        try
        {
            await database.ExecuteOnServerAsync($"CREATE DATABASE {database._databaseName}");
        }
        catch (NpgsqlException e)
        {
            if (database._server is not null)
            {
                await database._server.DisposeAsync();
            }

            throw new InvalidOperationException(
                $"Creating a database with '{database._serverConnectionString}' failed: {e.Message}. {advice}", e);
        }

        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is null)
        {
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)");
        }
        else
        {
            await _server.DisposeAsync();
        }
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(_serverConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
