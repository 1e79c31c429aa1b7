using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Rlvr.Storage.Checkpoints;
using Rlvr.TestKit;

namespace Rlvr.Cluster.Benchmarks;

/// <summary>
/// A fresh database on a throwaway PostgreSQL server; the plain copy is one INSERT or SELECT of a bytea per key, in a
/// table shaped like the checkpoint blob table.
/// </summary>
internal sealed class PostgresCheckpointMedium : ICheckpointMedium
{
    private readonly PostgresTestDatabase _database;
    private readonly NpgsqlDataSource _dataSource;

    private PostgresCheckpointMedium(PostgresTestDatabase database)
    {
        _database = database;
        _dataSource = NpgsqlDataSource.Create(database.ConnectionString);
    }

    public static async Task<PostgresCheckpointMedium> CreateAsync()
    {
        var medium = new PostgresCheckpointMedium(await PostgresTestDatabase.CreateAsync("RLVR_BENCH_POSTGRES", "rlvr_bench_"));
        await using var command =
            medium._dataSource.CreateCommand("CREATE TABLE plain_copy (key text PRIMARY KEY, data bytea NOT NULL)");
        await command.ExecuteNonQueryAsync();
        return medium;
    }

    public IServiceCollection AddCheckpointStore(IServiceCollection services) =>
        services.AddPostgresCheckpointStore(_database.ConnectionString);

    public async Task PlainWriteAsync(string key, ReadOnlyMemory<byte> data)
    {
        await using var command = KeyCommand("INSERT INTO plain_copy (key, data) VALUES (@key, @data)", key);
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("data", NpgsqlDbType.Bytea) { TypedValue = data });
        await command.ExecuteNonQueryAsync();
    }

    public async Task<byte[]> PlainReadAsync(string key)
    {
        await using var command = KeyCommand("SELECT data FROM plain_copy WHERE key = @key", key);
        return await command.ExecuteScalarAsync() as byte[] ?? throw new InvalidOperationException($"no plain copy '{key}'.");
    }

    public async Task PlainDeleteAsync(string key)
    {
        await using var command = KeyCommand("DELETE FROM plain_copy WHERE key = @key", key);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    private NpgsqlCommand KeyCommand(string sql, string key)
    {
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("key", NpgsqlDbType.Text, key);
        return command;
    }
}
