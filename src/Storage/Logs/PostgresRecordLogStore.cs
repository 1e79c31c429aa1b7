using Npgsql;
using NpgsqlTypes;
using Rlvr.Storage.Postgres;

namespace Rlvr.Storage.Logs;

/// <summary>
/// Logs in PostgreSQL, next to the grain state: one row per record in rlvr_record_logs. An append is one statement
/// (it drops the records after its position, checks the one before and upserts), so it lands whole or not at all. The
/// database is the grain storage's, whose start-up check covers it. Logs are kept apart by a scope (a silo's Orleans
/// service id), as the grain state is.
/// </summary>
public sealed class PostgresRecordLogStore : IRecordLogStore, IAsyncDisposable
{
    private const string Log = "scope = @scope AND owner = @owner AND log = @log";

    private readonly PostgresDatabase _database;
    private readonly string _scope;

    public PostgresRecordLogStore(string connectionString, string scope)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(scope);
        _database = new PostgresDatabase(new PostgresStorageOptions { ConnectionString = connectionString });
        _scope = scope;
    }

    public async Task AppendAsync(string owner, string log, long position, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        await using var command = await Command(owner, log, $"""
            WITH dropped AS (DELETE FROM rlvr_record_logs WHERE {Log} AND position > @position)
            INSERT INTO rlvr_record_logs (scope, owner, log, position, record)
            SELECT @scope, @owner, @log, @position, @record
            WHERE @position = 0 OR EXISTS (SELECT 1 FROM rlvr_record_logs WHERE {Log} AND position = @position - 1)
            ON CONFLICT (scope, owner, log, position) DO UPDATE SET record = EXCLUDED.record
            """, cancellationToken);
        command.Parameters.AddWithValue("position", NpgsqlDbType.Bigint, position);
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("record", NpgsqlDbType.Bytea) { TypedValue = record });
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new RecordLogGapException(owner, log, position);
        }
    }

    public async Task<IReadOnlyList<byte[]>> ReadAsync(string owner, string log, long from, CancellationToken cancellationToken = default)
    {
        await using var command = await Command(owner, log,
            $"SELECT record FROM rlvr_record_logs WHERE {Log} AND position >= @from ORDER BY position", cancellationToken);
        command.Parameters.AddWithValue("from", NpgsqlDbType.Bigint, from);
        var records = new List<byte[]>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(reader.GetFieldValue<byte[]>(0));
        }
        return records;
    }

    public async Task TruncateAsync(string owner, string log, long length, CancellationToken cancellationToken = default)
    {
        await using var command = await Command(owner, log, $"DELETE FROM rlvr_record_logs WHERE {Log} AND position >= @length", cancellationToken);
        command.Parameters.AddWithValue("length", NpgsqlDbType.Bigint, length);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteAsync(string owner, string log, CancellationToken cancellationToken = default)
    {
        await using var command = await Command(owner, log, $"DELETE FROM rlvr_record_logs WHERE {Log}", cancellationToken);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private async Task<NpgsqlCommand> Command(string owner, string log, string sql, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentException.ThrowIfNullOrEmpty(log);
        var command = await _database.CreateCommandAsync(sql, cancellationToken);
        command.Parameters.AddWithValue("scope", NpgsqlDbType.Text, _scope);
        command.Parameters.AddWithValue("owner", NpgsqlDbType.Text, owner);
        command.Parameters.AddWithValue("log", NpgsqlDbType.Text, log);
        return command;
    }
}
