using Microsoft.Data.Sqlite;

namespace Rlvr.Runtime.Storage.Sqlite;

/// <summary>
/// Grain storage in one SQLite file (WAL). Each write is one immediate transaction that checks the expected
/// ETag and stores the record with a fresh ETag, so a write either happens whole or not at all.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private const string KeyFilter = "grain_type = $type AND grain_key = $key AND state_name = $state";

    private readonly SqliteDatabase _database;

    public SqliteGrainStorage(SqliteStorageOptions options) => _database = new SqliteDatabase(options);

    public async Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, key, cancellationToken);
    }

    public async Task<string> WriteAsync(GrainStateKey key, string json, string? expectedETag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var eTag = await SqliteDatabase.NextETagAsync(connection, transaction, cancellationToken);
        await using var command = CreateKeyedCommand(connection, transaction, key, expectedETag is null
            ? "INSERT INTO rlvr_grain_state (grain_type, grain_key, state_name, json, etag) VALUES ($type, $key, $state, $json, $etag) ON CONFLICT DO NOTHING;"
            : $"UPDATE rlvr_grain_state SET json = $json, etag = $etag WHERE {KeyFilter} AND etag = $expected;");
        command.Parameters.AddWithValue("$json", json);
        command.Parameters.AddWithValue("$etag", eTag);
        command.Parameters.AddWithValue("$expected", (object?)SqliteDatabase.ParseETag(expectedETag) ?? DBNull.Value);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            var stored = await ReadAsync(connection, transaction, key, cancellationToken);
            throw new InconsistentStateException(key, expectedETag, stored?.ETag);
        }

        await transaction.CommitAsync(cancellationToken);
        return SqliteDatabase.FormatETag(eTag);
    }

    public async Task ClearAsync(GrainStateKey key, string? expectedETag, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        if (expectedETag is null)
        {
            var stored = await ReadAsync(connection, null, key, cancellationToken);
            if (stored is not null)
            {
                throw new InconsistentStateException(key, expectedETag, stored.ETag);
            }

            return;
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = CreateKeyedCommand(connection, transaction, key, $"DELETE FROM rlvr_grain_state WHERE {KeyFilter} AND etag = $expected;");
        command.Parameters.AddWithValue("$expected", (object?)SqliteDatabase.ParseETag(expectedETag) ?? DBNull.Value);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            var stored = await ReadAsync(connection, transaction, key, cancellationToken);
            throw new InconsistentStateException(key, expectedETag, stored?.ETag);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<GrainStateRecord?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, GrainStateKey key, CancellationToken cancellationToken)
    {
        await using var command = CreateKeyedCommand(connection, transaction, key, $"SELECT json, etag FROM rlvr_grain_state WHERE {KeyFilter};");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new GrainStateRecord(reader.GetString(0), SqliteDatabase.FormatETag(reader.GetInt64(1)))
            : null;
    }

    private static SqliteCommand CreateKeyedCommand(SqliteConnection connection, SqliteTransaction? transaction, GrainStateKey key, string sql)
    {
        ArgumentNullException.ThrowIfNull(key.Grain.Type, nameof(key));
        ArgumentNullException.ThrowIfNull(key.Grain.Key, nameof(key));
        ArgumentNullException.ThrowIfNull(key.StateName, nameof(key));
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$type", key.Grain.Type);
        command.Parameters.AddWithValue("$key", key.Grain.Key);
        command.Parameters.AddWithValue("$state", key.StateName);
        return command;
    }
}
