using Npgsql;
using NpgsqlTypes;

namespace Rlvr.Storage.Postgres;

/// <summary>
/// Grain storage in PostgreSQL. Every write is a single compare-and-set statement (UPDATE ... WHERE etag =
/// expected, or INSERT ... ON CONFLICT DO NOTHING for a first write), so there is no read-then-write race.
/// ETags are decimal values of one sequence kept in the database, never reused, not even after a clear.
/// </summary>
public sealed class PostgresGrainStateStore : IGrainStateStore, IAsyncDisposable
{
    private const string KeyFilter = "grain_type = @type AND grain_key = @key AND state_name = @state";

    private readonly PostgresDatabase _database;

    public PostgresGrainStateStore(PostgresStorageOptions options) => _database = new PostgresDatabase(options);

    public async Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        await using var command = await CreateKeyedCommandAsync(key, $"SELECT json, etag FROM rlvr_grain_state WHERE {KeyFilter}", cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new GrainStateRecord(reader.GetString(0), PostgresDatabase.FormatETag(reader.GetInt64(1)))
            : null;
    }

    public async Task<string> WriteAsync(GrainStateKey key, string json, string? expectedETag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        await using var command = await CreateKeyedCommandAsync(key, expectedETag is null
            ? "INSERT INTO rlvr_grain_state (grain_type, grain_key, state_name, json, etag) VALUES (@type, @key, @state, @json, nextval('rlvr_etag_seq')) ON CONFLICT DO NOTHING RETURNING etag"
            : $"UPDATE rlvr_grain_state SET json = @json, etag = nextval('rlvr_etag_seq') WHERE {KeyFilter} AND etag = @expected RETURNING etag",
            cancellationToken);
        command.Parameters.AddWithValue("json", NpgsqlDbType.Text, json);
        if (expectedETag is not null)
        {
            command.Parameters.AddWithValue("expected", NpgsqlDbType.Bigint, (object?)PostgresDatabase.ParseETag(expectedETag) ?? DBNull.Value);
        }

        if (await command.ExecuteScalarAsync(cancellationToken) is not long eTag)
        {
            throw Conflicts.ETagMismatch(key, expectedETag, (await ReadAsync(key, cancellationToken))?.ETag);
        }

        return PostgresDatabase.FormatETag(eTag);
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

        await using var command = await CreateKeyedCommandAsync(key, $"DELETE FROM rlvr_grain_state WHERE {KeyFilter} AND etag = @expected", cancellationToken);
        command.Parameters.AddWithValue("expected", NpgsqlDbType.Bigint, (object?)PostgresDatabase.ParseETag(expectedETag) ?? DBNull.Value);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw Conflicts.ETagMismatch(key, expectedETag, (await ReadAsync(key, cancellationToken))?.ETag);
        }
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private async Task<NpgsqlCommand> CreateKeyedCommandAsync(GrainStateKey key, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key.GrainType, nameof(key));
        ArgumentNullException.ThrowIfNull(key.GrainKey, nameof(key));
        ArgumentNullException.ThrowIfNull(key.StateName, nameof(key));
        var command = await _database.CreateCommandAsync(sql, cancellationToken);
        command.Parameters.AddWithValue("type", NpgsqlDbType.Text, key.GrainType);
        command.Parameters.AddWithValue("key", NpgsqlDbType.Text, key.GrainKey);
        command.Parameters.AddWithValue("state", NpgsqlDbType.Text, key.StateName);
        return command;
    }
}
