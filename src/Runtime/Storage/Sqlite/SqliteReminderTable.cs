using Microsoft.Data.Sqlite;
using Rlvr.Runtime.Reminders;

namespace Rlvr.Runtime.Storage.Sqlite;

/// <summary>Reminder table in the same SQLite file as the grain state (table rlvr_reminders).</summary>
public sealed class SqliteReminderTable : IReminderTable
{
    private const string Columns = "grain_type, grain_key, name, start_at_utc_ticks, period_ticks, etag";

    private readonly SqliteDatabase _database;

    public SqliteReminderTable(SqliteStorageOptions options) => _database = new SqliteDatabase(options);

    public async Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM rlvr_reminders;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(ReadEntry(reader));
        }

        return entries;
    }

    public async Task<ReminderEntry?> ReadAsync(GrainId grain, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = CreateKeyedCommand(connection, grain, name, $"SELECT {Columns} FROM rlvr_reminders WHERE grain_type = $type AND grain_key = $key AND name = $name;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadEntry(reader) : null;
    }

    public async Task<string> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var eTag = await SqliteDatabase.NextETagAsync(connection, transaction, cancellationToken);
        await using var command = CreateKeyedCommand(connection, entry.Grain, entry.Name, $"""
            INSERT INTO rlvr_reminders ({Columns}) VALUES ($type, $key, $name, $start, $period, $etag)
            ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET
                start_at_utc_ticks = excluded.start_at_utc_ticks, period_ticks = excluded.period_ticks, etag = excluded.etag;
            """);
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$start", entry.StartAt.UtcTicks);
        command.Parameters.AddWithValue("$period", entry.Period.Ticks);
        command.Parameters.AddWithValue("$etag", eTag);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SqliteDatabase.FormatETag(eTag);
    }

    public async Task<bool> RemoveAsync(GrainId grain, string name, string eTag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eTag);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = CreateKeyedCommand(connection, grain, name, "DELETE FROM rlvr_reminders WHERE grain_type = $type AND grain_key = $key AND name = $name AND etag = $etag;");
        command.Parameters.AddWithValue("$etag", (object?)SqliteDatabase.ParseETag(eTag) ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static ReminderEntry ReadEntry(SqliteDataReader reader) => new(
        new GrainId(reader.GetString(0), reader.GetString(1)),
        reader.GetString(2),
        new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
        TimeSpan.FromTicks(reader.GetInt64(4)),
        SqliteDatabase.FormatETag(reader.GetInt64(5)));

    private static SqliteCommand CreateKeyedCommand(SqliteConnection connection, GrainId grain, string name, string sql)
    {
        ArgumentNullException.ThrowIfNull(grain.Type, nameof(grain));
        ArgumentNullException.ThrowIfNull(grain.Key, nameof(grain));
        ArgumentNullException.ThrowIfNull(name);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$type", grain.Type);
        command.Parameters.AddWithValue("$key", grain.Key);
        command.Parameters.AddWithValue("$name", name);
        return command;
    }
}
