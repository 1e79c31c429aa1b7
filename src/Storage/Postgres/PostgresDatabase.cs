using System.Globalization;
using Npgsql;

namespace Rlvr.Storage.Postgres;

/// <summary>
/// A pooled Npgsql data source whose schema (grain state, reminders, ETag sequence, checkpoints, record logs) is created
/// idempotently on first use, under an advisory lock so that silos starting together do not race on the DDL.
/// </summary>
/// <remarks>
/// ETags are values of the sequence rlvr_etag_seq, drawn by the writing statement itself, so an ETag is never
/// reused, even for a record that was cleared and written again. JSON is stored as text, byte for byte.
/// </remarks>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    private const string Schema = """
        SELECT pg_advisory_xact_lock(7250318201);
        CREATE SEQUENCE IF NOT EXISTS rlvr_etag_seq;
        CREATE TABLE IF NOT EXISTS rlvr_grain_state (
            grain_type text NOT NULL, grain_key text NOT NULL, state_name text NOT NULL,
            json text NOT NULL, etag bigint NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name));
        CREATE TABLE IF NOT EXISTS rlvr_orleans_reminders (
            grain_type text NOT NULL, grain_key text NOT NULL, name text NOT NULL, grain_hash bigint NOT NULL,
            start_at_utc_ticks bigint NOT NULL, period_ticks bigint NOT NULL, etag bigint NOT NULL,
            PRIMARY KEY (grain_type, grain_key, name));
        CREATE INDEX IF NOT EXISTS rlvr_orleans_reminders_hash ON rlvr_orleans_reminders (grain_hash);
        CREATE TABLE IF NOT EXISTS rlvr_checkpoint_blobs (
            owner text NOT NULL, sequence bigint NOT NULL, name text NOT NULL, data bytea NOT NULL,
            PRIMARY KEY (owner, sequence, name));
        CREATE TABLE IF NOT EXISTS rlvr_checkpoint_manifests (
            owner text NOT NULL, sequence bigint NOT NULL, manifest bytea NOT NULL,
            PRIMARY KEY (owner, sequence));
        CREATE TABLE IF NOT EXISTS rlvr_record_logs (
            scope text NOT NULL, owner text NOT NULL, log text NOT NULL, position bigint NOT NULL, record bytea NOT NULL,
            PRIMARY KEY (scope, owner, log, position));
        """;

    private readonly string _connectionString;
    private readonly NpgsqlDataSource _dataSource;
    private volatile bool _schemaReady;

    public PostgresDatabase(PostgresStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException($"{nameof(PostgresStorageOptions)}.{nameof(options.ConnectionString)} is required.", nameof(options));
        }

        _connectionString = options.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
    }

    /// <summary>A command on a pooled connection; the schema exists once this returns.</summary>
    public async Task<NpgsqlCommand> CreateCommandAsync(string sql, CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(Schema, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            _schemaReady = true;
        }

        return _dataSource.CreateCommand(sql);
    }

    /// <summary>Creates the schema if needed and commits a write that changes nothing: proof that writes land.</summary>
    public async Task EnsureWritableAsync(CancellationToken cancellationToken)
    {
        await using var command = await CreateCommandAsync("SELECT nextval('rlvr_etag_seq')", cancellationToken);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Host, port and database of the connection string, never its password: for error messages.</summary>
    public string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(_connectionString);
        return $"Host={builder.Host};Port={builder.Port};Database={builder.Database}";
    }

    public static string FormatETag(long eTag) => eTag.ToString(CultureInfo.InvariantCulture);

    /// <summary>An ETag this store could have issued, or null (it then matches no row).</summary>
    public static long? ParseETag(string? eTag) =>
        long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
