using Npgsql;
using NpgsqlTypes;
using Rlvr.Storage.Postgres;
using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Checkpoints;

/// <summary>
/// Checkpoints in PostgreSQL, next to the grain state: blobs in rlvr_checkpoint_blobs, manifests in
/// rlvr_checkpoint_manifests (bytea, so at most 1 GB a blob). Every put is one upsert statement, so a manifest is
/// stored whole or not at all; a delete is one statement too, so a checkpoint never reads as half-deleted.
/// </summary>
public sealed class PostgresCheckpointStore : ICheckpointStore, IStartupCheck, IAsyncDisposable
{
    private const string BlobKey = "owner = @owner AND sequence = @sequence AND name = @name";
    private const string CheckpointKey = "owner = @owner AND sequence = @sequence";

    private readonly PostgresDatabase _database;

    public PostgresCheckpointStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _database = new PostgresDatabase(new PostgresStorageOptions { ConnectionString = connectionString });
    }

    public async Task PutBlobAsync(string owner, long sequence, string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        await using var command = await CreateCheckpointCommandAsync(owner, sequence, """
            INSERT INTO rlvr_checkpoint_blobs (owner, sequence, name, data) VALUES (@owner, @sequence, @name, @data)
            ON CONFLICT (owner, sequence, name) DO UPDATE SET data = EXCLUDED.data
            """, cancellationToken);
        command.Parameters.AddWithValue("name", NpgsqlDbType.Text, CheckpointNames.Validate(name, nameof(name)));
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("data", NpgsqlDbType.Bytea) { TypedValue = data });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<byte[]?> GetBlobAsync(string owner, long sequence, string name, CancellationToken cancellationToken = default)
    {
        await using var command = await CreateCheckpointCommandAsync(owner, sequence, $"SELECT data FROM rlvr_checkpoint_blobs WHERE {BlobKey}", cancellationToken);
        command.Parameters.AddWithValue("name", NpgsqlDbType.Text, CheckpointNames.Validate(name, nameof(name)));
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async Task PutManifestAsync(string owner, long sequence, ReadOnlyMemory<byte> manifest, CancellationToken cancellationToken = default)
    {
        await using var command = await CreateCheckpointCommandAsync(owner, sequence, """
            INSERT INTO rlvr_checkpoint_manifests (owner, sequence, manifest) VALUES (@owner, @sequence, @manifest)
            ON CONFLICT (owner, sequence) DO UPDATE SET manifest = EXCLUDED.manifest
            """, cancellationToken);
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("manifest", NpgsqlDbType.Bytea) { TypedValue = manifest });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<byte[]?> GetManifestAsync(string owner, long sequence, CancellationToken cancellationToken = default)
    {
        await using var command = await CreateCheckpointCommandAsync(owner, sequence,
            $"SELECT manifest FROM rlvr_checkpoint_manifests WHERE {CheckpointKey}", cancellationToken);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async Task<IReadOnlyList<long>> ListAsync(string owner, CancellationToken cancellationToken = default)
    {
        // Blobs without a manifest count too: retention must see (and clear) what an interrupted commit left.
        await using var command = await _database.CreateCommandAsync("""
            SELECT sequence FROM rlvr_checkpoint_blobs WHERE owner = @owner
            UNION
            SELECT sequence FROM rlvr_checkpoint_manifests WHERE owner = @owner
            ORDER BY sequence
            """, cancellationToken);
        command.Parameters.AddWithValue("owner", NpgsqlDbType.Text, CheckpointNames.Validate(owner, nameof(owner)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sequences = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sequences.Add(reader.GetInt64(0));
        }

        return sequences;
    }

    public async Task DeleteAsync(string owner, long sequence, CancellationToken cancellationToken = default)
    {
        // One statement is one transaction: the manifest and the blobs go together.
        await using var command = await CreateCheckpointCommandAsync(owner, sequence, $"""
            WITH manifest AS (DELETE FROM rlvr_checkpoint_manifests WHERE {CheckpointKey})
            DELETE FROM rlvr_checkpoint_blobs WHERE {CheckpointKey}
            """, cancellationToken);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task EnsureWritableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _database.EnsureWritableAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new StorageUnavailableException("PostgreSQL checkpoint store", $"connection string {_database.Describe()}", e);
        }
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private async Task<NpgsqlCommand> CreateCheckpointCommandAsync(string owner, long sequence, string sql, CancellationToken cancellationToken)
    {
        // The same names and sequences the local store accepts, so a checkpoint can move between stores.
        CheckpointNames.Validate(owner, nameof(owner));
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        var command = await _database.CreateCommandAsync(sql, cancellationToken);
        command.Parameters.AddWithValue("owner", NpgsqlDbType.Text, owner);
        command.Parameters.AddWithValue("sequence", NpgsqlDbType.Bigint, sequence);
        return command;
    }
}
