using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Orleans;
using Orleans.Runtime;
using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Postgres;

/// <summary>
/// Orleans' reminder table in PostgreSQL (table rlvr_reminder_table), rows keyed by grain and name with the grain's
/// uniform hash for ring-range reads. Each write is one statement with an ETag from the shared sequence; transient
/// failures are retried, and a remove whose outcome was lost is decided by reading the row again.
/// </summary>
public sealed class PostgresReminderTable : IReminderTable, IAsyncDisposable
{
    private const string Columns = "grain_id, name, grain_hash, start_at_utc_ticks, period_ticks, etag";

    private readonly PostgresDatabase _database;
    private readonly StorageRetryPipeline _pipeline;

    public PostgresReminderTable(PostgresStorageOptions options, ILogger<PostgresReminderTable> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = new PostgresDatabase(options);
        _pipeline = new StorageRetryPipeline("reminders (PostgreSQL)", options.Retry, logger);
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) => _pipeline.ExecuteAsync("read reminders", grainId.ToString(),
        async ct => new ReminderTableData(await Query("WHERE grain_id = @grain", c => c.Parameters.AddWithValue("grain", grainId.ToString()), ct)),
        CancellationToken.None);

    /// <summary>The ring range (begin, end]: when begin >= end it wraps past the largest hash.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end) => _pipeline.ExecuteAsync("read reminders", $"({begin}, {end}]",
        async ct => new ReminderTableData(await Query(
            begin < end ? "WHERE grain_hash > @begin AND grain_hash <= @end" : "WHERE grain_hash > @begin OR grain_hash <= @end",
            c =>
            {
                c.Parameters.AddWithValue("begin", NpgsqlDbType.Bigint, (long)begin);
                c.Parameters.AddWithValue("end", NpgsqlDbType.Bigint, (long)end);
            }, ct)),
        CancellationToken.None);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => _pipeline.ExecuteAsync("read reminder", $"{grainId}#{reminderName}",
        async ct => (await Query("WHERE grain_id = @grain AND name = @name", c =>
        {
            c.Parameters.AddWithValue("grain", grainId.ToString());
            c.Parameters.AddWithValue("name", reminderName);
        }, ct)).FirstOrDefault(),
        CancellationToken.None);

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _pipeline.ExecuteAsync<string?>("upsert reminder", $"{entry.GrainId}#{entry.ReminderName}", async ct =>
        {
            await using var command = await _database.CreateCommandAsync($"""
                INSERT INTO rlvr_reminder_table ({Columns}) VALUES (@grain, @name, @hash, @start, @period, nextval('rlvr_etag_seq'))
                ON CONFLICT (grain_id, name) DO UPDATE SET
                    start_at_utc_ticks = excluded.start_at_utc_ticks, period_ticks = excluded.period_ticks, etag = excluded.etag
                RETURNING etag
                """, ct);
            command.Parameters.AddWithValue("grain", entry.GrainId.ToString());
            command.Parameters.AddWithValue("name", entry.ReminderName);
            command.Parameters.AddWithValue("hash", NpgsqlDbType.Bigint, (long)entry.GrainId.GetUniformHashCode());
            command.Parameters.AddWithValue("start", NpgsqlDbType.Bigint, entry.StartAt.ToUniversalTime().Ticks);
            command.Parameters.AddWithValue("period", NpgsqlDbType.Bigint, entry.Period.Ticks);
            return PostgresDatabase.FormatETag((long)(await command.ExecuteScalarAsync(ct))!);
        }, CancellationToken.None);
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
            await using var command = await _database.CreateCommandAsync(
                "DELETE FROM rlvr_reminder_table WHERE grain_id = @grain AND name = @name AND etag = @etag", ct);
            command.Parameters.AddWithValue("grain", grainId.ToString());
            command.Parameters.AddWithValue("name", reminderName);
            command.Parameters.AddWithValue("etag", NpgsqlDbType.Bigint, (object?)PostgresDatabase.ParseETag(eTag) ?? DBNull.Value);
            return await command.ExecuteNonQueryAsync(ct) > 0;
        }, CancellationToken.None);
    }

    public async Task TestOnlyClearTable()
    {
        await using var command = await _database.CreateCommandAsync("DELETE FROM rlvr_reminder_table", CancellationToken.None);
        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private async Task<List<ReminderEntry>> Query(string where, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = await _database.CreateCommandAsync($"SELECT {Columns} FROM rlvr_reminder_table {where}", cancellationToken);
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
                ETag = PostgresDatabase.FormatETag(reader.GetInt64(5)),
            });
        }
        return entries;
    }
}
