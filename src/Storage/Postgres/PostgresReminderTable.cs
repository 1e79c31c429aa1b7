using Npgsql;
using NpgsqlTypes;
using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Postgres;

/// <summary>
/// Orleans' reminder table in PostgreSQL (table rlvr_orleans_reminders, next to the grain state); each change is one
/// statement. Each row keeps its grain's uniform hash, so that a silo reads its ring range with an indexed query.
/// </summary>
public sealed class PostgresReminderTable : IReminderTable, IAsyncDisposable
{
    private const string Columns = "grain_type, grain_key, name, start_at_utc_ticks, period_ticks, etag";
    private const string KeyFilter = "grain_type = @type AND grain_key = @key AND name = @name";

    private readonly PostgresDatabase _database;

    public PostgresReminderTable(PostgresStorageOptions options) => _database = new PostgresDatabase(options);

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _database.EnsureWritableAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new StorageUnavailableException("PostgreSQL reminder table", $"connection string {_database.Describe()}", e);
        }
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        QueryAsync($"SELECT {Columns} FROM rlvr_orleans_reminders WHERE grain_type = @type AND grain_key = @key", command =>
        {
            command.Parameters.AddWithValue("type", NpgsqlDbType.Text, grainId.Type.ToString());
            command.Parameters.AddWithValue("key", NpgsqlDbType.Text, grainId.Key.ToString());
        });

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        // The ring range (begin, end]; when begin >= end it wraps past uint.MaxValue to 0.
        QueryAsync(begin < end
            ? $"SELECT {Columns} FROM rlvr_orleans_reminders WHERE grain_hash > @begin AND grain_hash <= @end"
            : $"SELECT {Columns} FROM rlvr_orleans_reminders WHERE grain_hash > @begin OR grain_hash <= @end", command =>
            {
                command.Parameters.AddWithValue("begin", NpgsqlDbType.Bigint, (long)begin);
                command.Parameters.AddWithValue("end", NpgsqlDbType.Bigint, (long)end);
            });

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var rows = await QueryAsync($"SELECT {Columns} FROM rlvr_orleans_reminders WHERE {KeyFilter}", command => BindKey(command, grainId, reminderName));
        return rows.Reminders.SingleOrDefault();
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = await _database.CreateCommandAsync($"""
            INSERT INTO rlvr_orleans_reminders ({Columns}, grain_hash)
            VALUES (@type, @key, @name, @start, @period, nextval('rlvr_etag_seq'), @hash)
            ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET
                start_at_utc_ticks = EXCLUDED.start_at_utc_ticks, period_ticks = EXCLUDED.period_ticks, etag = EXCLUDED.etag
            RETURNING etag
            """, CancellationToken.None);
        BindKey(command, entry.GrainId, entry.ReminderName);
        command.Parameters.AddWithValue("start", NpgsqlDbType.Bigint, ReminderTimes.ToUtcTicks(entry.StartAt));
        command.Parameters.AddWithValue("period", NpgsqlDbType.Bigint, entry.Period.Ticks);
        command.Parameters.AddWithValue("hash", NpgsqlDbType.Bigint, (long)entry.GrainId.GetUniformHashCode());
        return PostgresDatabase.FormatETag((long)(await command.ExecuteScalarAsync())!);
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        await using var command = await _database.CreateCommandAsync($"DELETE FROM rlvr_orleans_reminders WHERE {KeyFilter} AND etag = @etag",
            CancellationToken.None);
        BindKey(command, grainId, reminderName);
        command.Parameters.AddWithValue("etag", NpgsqlDbType.Bigint, (object?)PostgresDatabase.ParseETag(eTag) ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync() > 0;
    }

    public async Task TestOnlyClearTable()
    {
        await using var command = await _database.CreateCommandAsync("DELETE FROM rlvr_orleans_reminders", CancellationToken.None);
        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private async Task<ReminderTableData> QueryAsync(string sql, Action<NpgsqlCommand> bind)
    {
        await using var command = await _database.CreateCommandAsync(sql, CancellationToken.None);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Create(reader.GetString(0), reader.GetString(1)),
                ReminderName = reader.GetString(2),
                StartAt = ReminderTimes.FromUtcTicks(reader.GetInt64(3)),
                Period = TimeSpan.FromTicks(reader.GetInt64(4)),
                ETag = PostgresDatabase.FormatETag(reader.GetInt64(5)),
            });
        }

        return new ReminderTableData(entries);
    }

    private static void BindKey(NpgsqlCommand command, GrainId grainId, string reminderName)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        command.Parameters.AddWithValue("type", NpgsqlDbType.Text, grainId.Type.ToString());
        command.Parameters.AddWithValue("key", NpgsqlDbType.Text, grainId.Key.ToString());
        command.Parameters.AddWithValue("name", NpgsqlDbType.Text, reminderName);
    }
}
