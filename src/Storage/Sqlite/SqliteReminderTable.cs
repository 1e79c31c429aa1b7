using Microsoft.Data.Sqlite;
using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Sqlite;

/// <summary>
/// Orleans' reminder table in the same SQLite file as the grain state (table rlvr_orleans_reminders). Each row keeps
/// its grain's uniform hash, so that a silo reads the reminders of its ring range with an indexed query.
/// </summary>
public sealed class SqliteReminderTable : IReminderTable
{
    private const string Columns = "grain_type, grain_key, name, start_at_utc_ticks, period_ticks, etag";
    private const string KeyFilter = "grain_type = $type AND grain_key = $key AND name = $name";

    private readonly SqliteDatabase _database;

    public SqliteReminderTable(SqliteStorageOptions options) => _database = new SqliteDatabase(options);

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _database.EnsureWritableAsync(cancellationToken);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException("SQLite reminder table", $"database path '{_database.DatabasePath}'", e);
        }
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        QueryAsync($"SELECT {Columns} FROM rlvr_orleans_reminders WHERE grain_type = $type AND grain_key = $key;", command =>
        {
            command.Parameters.AddWithValue("$type", grainId.Type.ToString());
            command.Parameters.AddWithValue("$key", grainId.Key.ToString());
        });

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        // The ring range (begin, end]; when begin >= end it wraps past uint.MaxValue to 0.
        QueryAsync(begin < end
            ? $"SELECT {Columns} FROM rlvr_orleans_reminders WHERE grain_hash > $begin AND grain_hash <= $end;"
            : $"SELECT {Columns} FROM rlvr_orleans_reminders WHERE grain_hash > $begin OR grain_hash <= $end;", command =>
            {
                command.Parameters.AddWithValue("$begin", (long)begin);
                command.Parameters.AddWithValue("$end", (long)end);
            });

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = CreateKeyedCommand(connection, null, grainId, reminderName,
            $"SELECT {Columns} FROM rlvr_orleans_reminders WHERE {KeyFilter};");
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadEntry(reader) : null;
    }

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _database.WriteAsync<string?>(async (connection, transaction) =>
        {
            var eTag = await SqliteDatabase.NextETagAsync(connection, transaction, CancellationToken.None);
            await using var command = CreateKeyedCommand(connection, transaction, entry.GrainId, entry.ReminderName, $"""
                INSERT INTO rlvr_orleans_reminders ({Columns}, grain_hash) VALUES ($type, $key, $name, $start, $period, $etag, $hash)
                ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET
                    start_at_utc_ticks = excluded.start_at_utc_ticks, period_ticks = excluded.period_ticks, etag = excluded.etag;
                """);
            command.Parameters.AddWithValue("$start", ReminderTimes.ToUtcTicks(entry.StartAt));
            command.Parameters.AddWithValue("$period", entry.Period.Ticks);
            command.Parameters.AddWithValue("$etag", eTag);
            command.Parameters.AddWithValue("$hash", (long)entry.GrainId.GetUniformHashCode());
            await command.ExecuteNonQueryAsync();
            return SqliteDatabase.FormatETag(eTag);
        }, CancellationToken.None);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = CreateKeyedCommand(connection, transaction, grainId, reminderName,
                $"DELETE FROM rlvr_orleans_reminders WHERE {KeyFilter} AND etag IS $etag;");
            command.Parameters.AddWithValue("$etag", (object?)SqliteDatabase.ParseETag(eTag) ?? DBNull.Value);
            return await command.ExecuteNonQueryAsync() > 0;
        }, CancellationToken.None);

    public Task TestOnlyClearTable() =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM rlvr_orleans_reminders;";
            return await command.ExecuteNonQueryAsync();
        }, CancellationToken.None);

    private async Task<ReminderTableData> QueryAsync(string sql, Action<SqliteCommand> bind)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync())
        {
            entries.Add(ReadEntry(reader));
        }

        return new ReminderTableData(entries);
    }

    private static ReminderEntry ReadEntry(SqliteDataReader reader) => new()
    {
        GrainId = GrainId.Create(reader.GetString(0), reader.GetString(1)),
        ReminderName = reader.GetString(2),
        StartAt = ReminderTimes.FromUtcTicks(reader.GetInt64(3)),
        Period = TimeSpan.FromTicks(reader.GetInt64(4)),
        ETag = SqliteDatabase.FormatETag(reader.GetInt64(5)),
    };

    private static SqliteCommand CreateKeyedCommand(SqliteConnection connection, SqliteTransaction? transaction, GrainId grainId,
        string reminderName, string sql)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$type", grainId.Type.ToString());
        command.Parameters.AddWithValue("$key", grainId.Key.ToString());
        command.Parameters.AddWithValue("$name", reminderName);
        return command;
    }
}
