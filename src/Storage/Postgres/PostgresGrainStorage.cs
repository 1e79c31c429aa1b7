using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;
using Rlvr.Storage.Resilience;
using Rlvr.Storage.Serialization;

namespace Rlvr.Storage.Postgres;

/// <summary>
/// Orleans grain storage in PostgreSQL: JSON text under (grain type, grain key, state name). Every write is a single
/// compare-and-set statement (UPDATE ... WHERE etag = presented, or INSERT ... ON CONFLICT DO NOTHING for a first write),
/// so there is no read-then-write race. ETags are values of one database sequence, never reused, not even after a clear.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private const string KeyFilter = "grain_type = @type AND grain_key = @key AND state_name = @state";

    private readonly string _name;
    private readonly PostgresDatabase _database;

    public PostgresGrainStorage(string name, PostgresStorageOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
        _database = new PostgresDatabase(options);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var (json, eTag) = await ReadAsync(stateName, grainId);
        StoredGrainState.Apply(grainState, json, eTag);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var expected = grainState.ETag;
        await using var command = await CreateKeyedCommandAsync(stateName, grainId, expected is null
            ? """
              INSERT INTO rlvr_grain_state (grain_type, grain_key, state_name, json, etag)
              VALUES (@type, @key, @state, @json, nextval('rlvr_etag_seq')) ON CONFLICT DO NOTHING RETURNING etag
              """
            : $"UPDATE rlvr_grain_state SET json = @json, etag = nextval('rlvr_etag_seq') WHERE {KeyFilter} AND etag = @expected RETURNING etag");
        command.Parameters.AddWithValue("json", NpgsqlDbType.Text, StorageJson.Serialize(grainState.State));
        command.Parameters.AddWithValue("expected", NpgsqlDbType.Bigint, (object?)PostgresDatabase.ParseETag(expected) ?? DBNull.Value);
        if (await command.ExecuteScalarAsync() is not long eTag)
        {
            throw Conflict("write", stateName, grainId, (await ReadAsync(stateName, grainId)).ETag, expected);
        }

        grainState.ETag = PostgresDatabase.FormatETag(eTag);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var expected = grainState.ETag;
        if (expected is not null)
        {
            await using var command = await CreateKeyedCommandAsync(stateName, grainId, $"DELETE FROM rlvr_grain_state WHERE {KeyFilter} AND etag = @expected");
            command.Parameters.AddWithValue("expected", NpgsqlDbType.Bigint, (object?)PostgresDatabase.ParseETag(expected) ?? DBNull.Value);
            if (await command.ExecuteNonQueryAsync() == 0)
            {
                throw Conflict("clear", stateName, grainId, (await ReadAsync(stateName, grainId)).ETag, expected);
            }
        }
        else if ((await ReadAsync(stateName, grainId)).ETag is { } stored)
        {
            // Clearing with no ETag is fine exactly when nothing is stored.
            throw Conflict("clear", stateName, grainId, stored, expected);
        }

        StoredGrainState.SetMissing(grainState);
    }

    public void Participate(ISiloLifecycle observer) =>
        observer.Subscribe($"{nameof(PostgresGrainStorage)}-{_name}", ServiceLifecycleStage.ApplicationServices, EnsureWritableAsync);

    /// <summary>Fails the silo's start, naming the provider and server, when the database cannot be reached or written.</summary>
    public async Task EnsureWritableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _database.EnsureWritableAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new StorageUnavailableException($"PostgreSQL grain storage '{_name}'", $"connection string {_database.Describe()}", e);
        }
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? stored, string? expected) =>
        new($"PostgreSQL grain storage: cannot {operation} state '{stateName}' of {grainId}: ETag '{expected ?? "<none>"}' " +
            $"presented, '{stored ?? "<none>"}' stored.", stored, expected);

    private async Task<(string? Json, string? ETag)> ReadAsync(string stateName, GrainId grainId)
    {
        await using var command = await CreateKeyedCommandAsync(stateName, grainId, $"SELECT json, etag FROM rlvr_grain_state WHERE {KeyFilter}");
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.GetString(0), PostgresDatabase.FormatETag(reader.GetInt64(1)))
            : (null, null);
    }

    private async Task<NpgsqlCommand> CreateKeyedCommandAsync(string stateName, GrainId grainId, string sql)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        var command = await _database.CreateCommandAsync(sql, CancellationToken.None);
        command.Parameters.AddWithValue("type", NpgsqlDbType.Text, grainId.Type.ToString());
        command.Parameters.AddWithValue("key", NpgsqlDbType.Text, grainId.Key.ToString());
        command.Parameters.AddWithValue("state", NpgsqlDbType.Text, stateName);
        return command;
    }
}
