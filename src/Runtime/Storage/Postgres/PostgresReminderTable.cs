using Npgsql;
using NpgsqlTypes;
using Rlvr.Runtime.Reminders;

namespace Rlvr.Runtime.Storage.Postgres;

/// <summary>Reminder table in PostgreSQL (table rlvr_reminders, next to the grain state); each change is one statement.</summary>
public sealed class PostgresReminderTable : IReminderTable, IAsyncDisposable
{
    private const string Columns = "grain_type, grain_key, name, start_at_utc_ticks, period_ticks, etag";
    private const string KeyFilter = "grain_type = @type AND grain_key = @key AND name = @name";

    private readonly PostgresDatabase _database;

    public PostgresReminderTable(PostgresStorageOptions options) => _database = new PostgresDatabase(options);

    public async Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var command = await _database.CreateCommandAsync($"SELECT {Columns} FROM rlvr_reminders", cancellationToken);
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
        await using var command = await CreateKeyedCommandAsync(grain, name, $"SELECT {Columns} FROM rlvr_reminders WHERE {KeyFilter}", cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadEntry(reader) : null;
    }

    public async Task<string> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = await CreateKeyedCommandAsync(entry.Grain, entry.Name, $"""
            INSERT INTO rlvr_reminders ({Columns}) VALUES (@type, @key, @name, @start, @period, nextval('rlvr_etag_seq'))
            ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET
                start_at_utc_ticks = EXCLUDED.start_at_utc_ticks, period_ticks = EXCLUDED.period_ticks, etag = EXCLUDED.etag
            RETURNING etag
            """, cancellationToken);
        command.Parameters.AddWithValue("start", NpgsqlDbType.Bigint, entry.StartAt.UtcTicks);
        command.Parameters.AddWithValue("period", NpgsqlDbType.Bigint, entry.Period.Ticks);
        return PostgresDatabase.FormatETag((long)(await command.ExecuteScalarAsync(cancellationToken))!);
    }

    public async Task<bool> RemoveAsync(GrainId grain, string name, string eTag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eTag);
        await using var command = await CreateKeyedCommandAsync(grain, name, $"DELETE FROM rlvr_reminders WHERE {KeyFilter} AND etag = @etag", cancellationToken);
        command.Parameters.AddWithValue("etag", NpgsqlDbType.Bigint, (object?)PostgresDatabase.ParseETag(eTag) ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static ReminderEntry ReadEntry(NpgsqlDataReader reader) => new(
        new GrainId(reader.GetString(0), reader.GetString(1)),
        reader.GetString(2),
        new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
        TimeSpan.FromTicks(reader.GetInt64(4)),
        PostgresDatabase.FormatETag(reader.GetInt64(5)));

    private async Task<NpgsqlCommand> CreateKeyedCommandAsync(GrainId grain, string name, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grain.Type, nameof(grain));
        ArgumentNullException.ThrowIfNull(grain.Key, nameof(grain));
        ArgumentNullException.ThrowIfNull(name);
        var command = await _database.CreateCommandAsync(sql, cancellationToken);
        command.Parameters.AddWithValue("type", NpgsqlDbType.Text, grain.Type);
        command.Parameters.AddWithValue("key", NpgsqlDbType.Text, grain.Key);
        command.Parameters.AddWithValue("name", NpgsqlDbType.Text, name);
        return command;
    }
}
