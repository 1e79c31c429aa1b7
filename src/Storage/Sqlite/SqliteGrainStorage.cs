using Microsoft.Data.Sqlite;
using Orleans.Storage;
using Rlvr.Storage.Resilience;
using Rlvr.Storage.Serialization;

namespace Rlvr.Storage.Sqlite;

/// <summary>
/// Orleans grain storage in one SQLite file (WAL): JSON text under (grain type, grain key, state name). Each write is a
/// compare-and-set on the ETag inside one transaction (grouped with concurrent writes, see
/// <see cref="SqliteDatabase.WriteAsync{T}"/>); ETags come from a sequence in the file and are never reused.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private const string KeyFilter = "grain_type = $type AND grain_key = $key AND state_name = $state";

    private readonly string _name;
    private readonly SqliteDatabase _database;

    public SqliteGrainStorage(string name, SqliteStorageOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
        _database = new SqliteDatabase(options);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        var (json, eTag) = await ReadAsync(connection, null, stateName, grainId);
        StoredGrainState.Apply(grainState, json, eTag);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var json = StorageJson.Serialize(grainState.State);
        var expected = grainState.ETag;
        grainState.ETag = await _database.WriteAsync(async (connection, transaction) =>
        {
            var eTag = await SqliteDatabase.NextETagAsync(connection, transaction, CancellationToken.None);
            await using var command = CreateKeyedCommand(connection, transaction, stateName, grainId, expected is null
                ? """
                  INSERT INTO rlvr_grain_state (grain_type, grain_key, state_name, json, etag)
                  VALUES ($type, $key, $state, $json, $etag) ON CONFLICT DO NOTHING;
                  """
                : $"UPDATE rlvr_grain_state SET json = $json, etag = $etag WHERE {KeyFilter} AND etag = $expected;");
            command.Parameters.AddWithValue("$json", json);
            command.Parameters.AddWithValue("$etag", eTag);
            command.Parameters.AddWithValue("$expected", (object?)SqliteDatabase.ParseETag(expected) ?? DBNull.Value);
            if (await command.ExecuteNonQueryAsync() == 0)
            {
                var (_, stored) = await ReadAsync(connection, transaction, stateName, grainId);
                throw Conflict("write", stateName, grainId, stored, expected);
            }

            return SqliteDatabase.FormatETag(eTag);
        }, CancellationToken.None);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var expected = grainState.ETag;
        await _database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = CreateKeyedCommand(connection, transaction, stateName, grainId,
                $"DELETE FROM rlvr_grain_state WHERE {KeyFilter} AND etag IS $expected;");
            command.Parameters.AddWithValue("$expected", (object?)SqliteDatabase.ParseETag(expected) ?? DBNull.Value);
            var deleted = await command.ExecuteNonQueryAsync();
            var (_, stored) = await ReadAsync(connection, transaction, stateName, grainId);
            // Clearing with no ETag is fine exactly when nothing is stored.
            if (stored is not null || (deleted == 0 && expected is not null))
            {
                throw Conflict("clear", stateName, grainId, stored, expected);
            }

            return deleted;
        }, CancellationToken.None);
        StoredGrainState.SetMissing(grainState);
    }

    public void Participate(ISiloLifecycle observer) =>
        observer.Subscribe($"{nameof(SqliteGrainStorage)}-{_name}", ServiceLifecycleStage.ApplicationServices, EnsureWritableAsync);

    /// <summary>Fails the silo's start, naming the provider and file, when the database cannot be written.</summary>
    public async Task EnsureWritableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _database.EnsureWritableAsync(cancellationToken);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException($"SQLite grain storage '{_name}'", $"database path '{_database.DatabasePath}'", e);
        }
    }

    private static InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? stored, string? expected) =>
        new($"SQLite grain storage: cannot {operation} state '{stateName}' of {grainId}: ETag '{expected ?? "<none>"}' " +
            $"presented, '{stored ?? "<none>"}' stored.", stored, expected);

    private static async Task<(string? Json, string? ETag)> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction,
        string stateName, GrainId grainId)
    {
        await using var command = CreateKeyedCommand(connection, transaction, stateName, grainId,
            $"SELECT json, etag FROM rlvr_grain_state WHERE {KeyFilter};");
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.GetString(0), SqliteDatabase.FormatETag(reader.GetInt64(1)))
            : (null, null);
    }

    private static SqliteCommand CreateKeyedCommand(SqliteConnection connection, SqliteTransaction? transaction, string stateName,
        GrainId grainId, string sql)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$type", grainId.Type.ToString());
        command.Parameters.AddWithValue("$key", grainId.Key.ToString());
        command.Parameters.AddWithValue("$state", stateName);
        return command;
    }
}
