using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Sqlite;

/// <summary>
/// Orleans' reminder table in the same SQLite file as the grain state (table rlvr_reminder_table). Each row keeps the
/// grain's uniform hash, so a silo reads the reminders of its ring range with one indexed query. Transient failures are
/// retried; a remove whose outcome was lost is decided by reading the row again.
/// </summary>
public sealed class SqliteReminderTable : IReminderTable
{
    private const string Columns = "grain_id, name, grain_hash, start_at_utc_ticks, period_ticks, etag";

    private readonly SqliteDatabase _database;
    private readonly StorageRetryPipeline _pipeline;

    public SqliteReminderTable(SqliteStorageOptions options, ILogger<SqliteReminderTable> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = new SqliteDatabase(options);
        _pipeline = new StorageRetryPipeline("reminders (SQLite)", options.Retry, logger);
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) => _pipeline.ExecuteAsync("read reminders", grainId.ToString(),
        async ct => new ReminderTableData(await Query("WHERE grain_id = $grain", c => c.Parameters.AddWithValue("$grain", grainId.ToString()), ct)),
        CancellationToken.None);

    /// <summary>The ring range (begin, end]: when begin >= end it wraps past the largest hash.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end) => _pipeline.ExecuteAsync("read reminders", $"({begin}, {end}]",
        async ct => new ReminderTableData(await Query(
            begin < end ? "WHERE grain_hash > $begin AND grain_hash <= $end" : "WHERE grain_hash > $begin OR grain_hash <= $end",
            c =>
            {
                c.Parameters.AddWithValue("$begin", (long)begin);
                c.Parameters.AddWithValue("$end", (long)end);
            }, ct)),
        CancellationToken.None);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => _pipeline.ExecuteAsync("read reminder", $"{grainId}#{reminderName}",
        async ct => (await Query("WHERE grain_id = $grain AND name = $name", c =>
        {
            c.Parameters.AddWithValue("$grain", grainId.ToString());
            c.Parameters.AddWithValue("$name", reminderName);
        }, ct)).FirstOrDefault(),
        CancellationToken.None);

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _pipeline.ExecuteAsync<string?>("upsert reminder", $"{entry.GrainId}#{entry.ReminderName}", ct => new ValueTask<string?>(
            _database.WriteAsync<string?>(async (connection, transaction) =>
            {
                var eTag = await SqliteDatabase.NextETagAsync(connection, transaction, ct);
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"""
                    INSERT INTO rlvr_reminder_table ({Columns}) VALUES ($grain, $name, $hash, $start, $period, $etag)
                    ON CONFLICT (grain_id, name) DO UPDATE SET
                        start_at_utc_ticks = excluded.start_at_utc_ticks, period_ticks = excluded.period_ticks, etag = excluded.etag;
                    """;
                command.Parameters.AddWithValue("$grain", entry.GrainId.ToString());
                command.Parameters.AddWithValue("$name", entry.ReminderName);
                command.Parameters.AddWithValue("$hash", (long)entry.GrainId.GetUniformHashCode());
                command.Parameters.AddWithValue("$start", entry.StartAt.ToUniversalTime().Ticks);
                command.Parameters.AddWithValue("$period", entry.Period.Ticks);
                command.Parameters.AddWithValue("$etag", eTag);
                await command.ExecuteNonQueryAsync(ct);
                return SqliteDatabase.FormatETag(eTag);
            }, ct)), CancellationToken.None);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        var outcomeUnknown = false;
        return _pipeline.ExecuteAsync("remove reminder", $"{grainId}#{reminderName}", async ct =>
        {
            if (outcomeUnknown)
            {
                var stored = await ReadRow(grainId, reminderName);
                if (stored is null || stored.ETag != eTag)
                {
                    return stored is null;
                }
            }
            outcomeUnknown = true;
            return await _database.WriteAsync(async (connection, transaction) =>
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "DELETE FROM rlvr_reminder_table WHERE grain_id = $grain AND name = $name AND etag = $etag;";
                command.Parameters.AddWithValue("$grain", grainId.ToString());
                command.Parameters.AddWithValue("$name", reminderName);
                command.Parameters.AddWithValue("$etag", (object?)SqliteDatabase.ParseETag(eTag) ?? DBNull.Value);
                return await command.ExecuteNonQueryAsync(ct) > 0;
            }, ct);
        }, CancellationToken.None);
    }

    public Task TestOnlyClearTable() => _database.WriteAsync(async (connection, transaction) =>
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM rlvr_reminder_table;";
        return await command.ExecuteNonQueryAsync();
    }, CancellationToken.None);

    private async Task<List<ReminderEntry>> Query(string where, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM rlvr_reminder_table {where};";
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(3), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(4)),
                ETag = SqliteDatabase.FormatETag(reader.GetInt64(5)),
            });
        }
        return entries;
    }
}
