using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Rlvr.Runtime.Storage.Sqlite;

/// <summary>
/// One SQLite file in WAL mode holding grain state, reminders and the ETag sequence. Connections are pooled
/// (Microsoft.Data.Sqlite's pool); the schema is created idempotently on first use.
/// </summary>
/// <remarks>
/// ETags are values of one increasing sequence stored in the file, drawn inside the writing transaction, so an
/// ETag is never reused, even for a record that was cleared and written again.
/// </remarks>
internal sealed class SqliteDatabase
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS rlvr_sequence (name TEXT NOT NULL PRIMARY KEY, value INTEGER NOT NULL);
        INSERT OR IGNORE INTO rlvr_sequence (name, value) VALUES ('etag', 0);
        CREATE TABLE IF NOT EXISTS rlvr_grain_state (
            grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, state_name TEXT NOT NULL,
            json TEXT NOT NULL, etag INTEGER NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS rlvr_reminders (
            grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, name TEXT NOT NULL,
            start_at_utc_ticks INTEGER NOT NULL, period_ticks INTEGER NOT NULL, etag INTEGER NOT NULL,
            PRIMARY KEY (grain_type, grain_key, name)) WITHOUT ROWID;
        """;

    private readonly string _connectionString;
    private readonly string _busyTimeoutPragma;
    private volatile bool _schemaReady;

    public SqliteDatabase(SqliteStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            throw new ArgumentException($"{nameof(SqliteStorageOptions)}.{nameof(options.DatabasePath)} is required.", nameof(options));
        }

        if (options.BusyTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BusyTimeout, $"{nameof(SqliteStorageOptions)}.{nameof(options.BusyTimeout)} must be positive.");
        }

        var path = Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        _busyTimeoutPragma = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds};");
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, _schemaReady ? _busyTimeoutPragma : _busyTimeoutPragma + Schema, cancellationToken);
            _schemaReady = true;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Draws the next ETag; call inside the write transaction so it commits or rolls back with the write.</summary>
    public static async Task<long> NextETagAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE rlvr_sequence SET value = value + 1 WHERE name = 'etag' RETURNING value;";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static string FormatETag(long eTag) => eTag.ToString(CultureInfo.InvariantCulture);

    /// <summary>An ETag this store could have issued, or null (it then matches no row).</summary>
    public static long? ParseETag(string? eTag) =>
        long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
