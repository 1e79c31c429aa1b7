using Microsoft.Data.Sqlite;

namespace Rlvr.Storage.Sqlite;

/// <summary>
/// Grain storage in one SQLite file (WAL). Each write is one immediate transaction that checks the expected
/// ETag and stores the record with a fresh ETag, so a write either happens whole or not at all.
/// ETags are decimal values of one sequence kept in the file, never reused, not even after a clear.
/// </summary>
public sealed class SqliteGrainStateStore : IGrainStateStore
{
    private const string KeyFilter = "grain_type = $type AND grain_key = $key AND state_name = $state";

    private readonly SqliteDatabase _database;

    public SqliteGrainStateStore(SqliteStorageOptions options) => _database = new SqliteDatabase(options);

    public async Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, key, cancellationToken);
    }

    public Task<string> WriteAsync(GrainStateKey key, string json, string? expectedETag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            var eTag = await SqliteDatabase.NextETagAsync(connection, transaction, cancellationToken);
            await using var command = CreateKeyedCommand(connection, transaction, key, expectedETag is null
                ? "INSERT INTO rlvr_grain_state (grain_type, grain_key, state_name, json, etag) VALUES ($type, $key, $state, $json, $etag) ON CONFLICT DO NOTHING;"
                : $"UPDATE rlvr_grain_state SET json = $json, etag = $etag WHERE {KeyFilter} AND etag = $expected;");
            command.Parameters.AddWithValue("$json", json);
            command.Parameters.AddWithValue("$etag", eTag);
            if (expectedETag is not null)
            {
                command.Parameters.AddWithValue("$expected", (object?)SqliteDatabase.ParseETag(expectedETag) ?? DBNull.Value);
            }

            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                var stored = await ReadAsync(connection, transaction, key, cancellationToken);
                throw Conflicts.ETagMismatch(key, expectedETag, stored?.ETag);
            }

            return SqliteDatabase.FormatETag(eTag);
        }, cancellationToken);
    }

    public async Task ClearAsync(GrainStateKey key, string? expectedETag, CancellationToken cancellationToken = default)
    {
        if (expectedETag is null)
        {
            var stored = await ReadAsync(key, cancellationToken);
            if (stored is not null)
            {
                throw Conflicts.ETagMismatch(key, expectedETag, stored.ETag);
            }

            return;
        }

        await _database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = CreateKeyedCommand(connection, transaction, key, $"DELETE FROM rlvr_grain_state WHERE {KeyFilter} AND etag = $expected;");
            command.Parameters.AddWithValue("$expected", (object?)SqliteDatabase.ParseETag(expectedETag) ?? DBNull.Value);
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                var stored = await ReadAsync(connection, transaction, key, cancellationToken);
                throw Conflicts.ETagMismatch(key, expectedETag, stored?.ETag);
            }

            return true;
        }, cancellationToken);
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
        ArgumentNullException.ThrowIfNull(key.GrainType, nameof(key));
        ArgumentNullException.ThrowIfNull(key.GrainKey, nameof(key));
        ArgumentNullException.ThrowIfNull(key.StateName, nameof(key));
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$type", key.GrainType);
        command.Parameters.AddWithValue("$key", key.GrainKey);
        command.Parameters.AddWithValue("$state", key.StateName);
        return command;
    }
}
