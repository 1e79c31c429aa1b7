using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Rlvr.Storage.Sqlite;

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
        CREATE TABLE IF NOT EXISTS rlvr_orleans_reminders (
            grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, name TEXT NOT NULL, grain_hash INTEGER NOT NULL,
            start_at_utc_ticks INTEGER NOT NULL, period_ticks INTEGER NOT NULL, etag INTEGER NOT NULL,
            PRIMARY KEY (grain_type, grain_key, name)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS rlvr_orleans_reminders_hash ON rlvr_orleans_reminders (grain_hash);
        """;

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate;
    private readonly string _busyTimeoutPragma;
    private readonly List<IQueuedWrite> _queued = [];
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
        DatabasePath = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        _writeGate = WriteGates.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        _busyTimeoutPragma = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds};");
    }

    /// <summary>The database file's full path.</summary>
    public string DatabasePath { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        // Created here rather than in the constructor, so that an unusable path fails where errors are reported.
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
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

    /// <summary>
    /// Runs <paramref name="work"/> in an immediate transaction and commits it unless it throws. Writers in this process
    /// queue on a gate per file rather than polling SQLite's busy handler, which sleeps in steps of up to 100 ms; other
    /// processes are still held off by the busy timeout. Writes that queue while a transaction is open are committed
    /// together in the next one (group commit), each in its own savepoint so that one that throws rolls back alone:
    /// concurrent writes of many grains share one commit and its sync instead of paying one each.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var write = new QueuedWrite<T>(work, cancellationToken);
        lock (_queued)
        {
            _queued.Add(write);
        }
        try
        {
            if (_writeGate.Wait(0, CancellationToken.None))
            {
                // Uncontended: let writes already on their way (a fan-out of grain writes) join this transaction.
                await Task.Yield();
            }
            else
            {
                await _writeGate.WaitAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            lock (_queued)
            {
                if (_queued.Remove(write))
                {
                    throw;
                }
            }
            // The writer holding the gate has taken this write into its transaction: its outcome is this write's.
            return await write.Result;
        }
        try
        {
            List<IQueuedWrite> batch;
            lock (_queued)
            {
                batch = [.. _queued];
                _queued.Clear();
            }
            // Empty when an earlier writer already committed this one with its own.
            if (batch.Count > 0)
            {
                await CommitAsync(batch);
            }
        }
        finally
        {
            _writeGate.Release();
        }
        return await write.Result;
    }

    /// <summary>Creates the file and schema if needed and commits a write that changes nothing: proof that writes land.</summary>
    public Task EnsureWritableAsync(CancellationToken cancellationToken) => WriteAsync(async (connection, transaction) =>
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE rlvr_sequence SET value = value WHERE name = 'etag';";
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }, cancellationToken);

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

    // Every write of the batch gets its outcome once the transaction has committed (or failed as a whole).
    private async Task CommitAsync(List<IQueuedWrite> batch)
    {
        try
        {
            await using var connection = await OpenAsync(CancellationToken.None);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            foreach (var write in batch)
            {
                await write.RunAsync(connection, transaction);
            }
            await transaction.CommitAsync();
        }
        catch (Exception error)
        {
            foreach (var write in batch)
            {
                write.Fail(error);
            }
            return;
        }
        foreach (var write in batch)
        {
            write.Complete();
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private interface IQueuedWrite
    {
        /// <summary>Runs the write in its own savepoint of <paramref name="transaction"/>; a write that throws is rolled back alone.</summary>
        Task RunAsync(SqliteConnection connection, SqliteTransaction transaction);

        void Complete();

        void Fail(Exception commitError);
    }

    private sealed class QueuedWrite<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken) : IQueuedWrite
    {
        private const string Savepoint = "write";

        private readonly TaskCompletionSource<T> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _value;
        private Exception? _error;

        public Task<T> Result => _outcome.Task;

        public async Task RunAsync(SqliteConnection connection, SqliteTransaction transaction)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                _error = new OperationCanceledException(cancellationToken);
                return;
            }
            await transaction.SaveAsync(Savepoint);
            try
            {
                _value = await work(connection, transaction);
            }
            catch (Exception error)
            {
                _error = error;
                await transaction.RollbackAsync(Savepoint);
            }
            await transaction.ReleaseAsync(Savepoint);
        }

        public void Complete()
        {
            if (_error is null)
            {
                _outcome.TrySetResult(_value!);
            }
            else
            {
                Deliver(_error);
            }
        }

        // A write that failed on its own keeps its own error: it was rolled back either way.
        public void Fail(Exception commitError) => Deliver(_error ?? commitError);

        private void Deliver(Exception error)
        {
            if (error is OperationCanceledException canceled && canceled.CancellationToken == cancellationToken && cancellationToken.IsCancellationRequested)
            {
                _outcome.TrySetCanceled(cancellationToken);
            }
            else
            {
                _outcome.TrySetException(error);
            }
        }
    }
}
