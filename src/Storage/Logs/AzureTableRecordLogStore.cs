using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Rlvr.Storage.Logs;

/// <summary>
/// Logs in an Azure Storage table (created if absent): one entity per record, the log's partition keyed by owner and
/// log name, the record's position as a zero-padded row key, so a partition reads in order. A record is split over
/// binary properties of at most 64 KiB (15 of them: an entity holds 1 MiB). Logs are kept apart by
/// <paramref name="scope"/> (a silo's Orleans service id), as the grain state is.
/// </summary>
public sealed class AzureTableRecordLogStore(string connectionString, string scope, string table = "rlvrlogs") : IRecordLogStore
{
    private const int ChunkBytes = 64 * 1024;
    private const int MaxChunks = 15;
    private const string Chunks = "Chunks";

    private readonly TableClient _table = new(connectionString, table);
    private volatile bool _created;

    public async Task AppendAsync(string owner, string log, long position, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        var chunks = (record.Length + ChunkBytes - 1) / ChunkBytes;
        if (chunks > MaxChunks)
        {
            throw new ArgumentException($"a record of an Azure table log holds at most {MaxChunks * ChunkBytes} bytes, got {record.Length}", nameof(record));
        }
        var partition = Partition(owner, log);
        await Created(cancellationToken);
        if (position > 0 && !(await _table.GetEntityIfExistsAsync<TableEntity>(partition, Row(position - 1), ["RowKey"], cancellationToken)).HasValue)
        {
            throw new RecordLogGapException(owner, log, position);
        }
        await DeleteFrom(partition, position + 1, cancellationToken);
        var entity = new TableEntity(partition, Row(position)) { [Chunks] = chunks };
        for (var i = 0; i < chunks; i++)
        {
            entity[Chunk(i)] = record.Slice(i * ChunkBytes, Math.Min(ChunkBytes, record.Length - (i * ChunkBytes))).ToArray();
        }
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<byte[]>> ReadAsync(string owner, string log, long from, CancellationToken cancellationToken = default)
    {
        await Created(cancellationToken);
        var records = new List<byte[]>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(From(Partition(owner, log), Math.Max(0, from)), cancellationToken: cancellationToken))
        {
            var chunks = entity.GetInt32(Chunks) ?? 0;
            var record = new byte[Enumerable.Range(0, chunks).Sum(i => entity.GetBinary(Chunk(i)).Length)];
            var offset = 0;
            for (var i = 0; i < chunks; i++)
            {
                var chunk = entity.GetBinary(Chunk(i));
                chunk.CopyTo(record, offset);
                offset += chunk.Length;
            }
            records.Add(record);
        }
        return records;
    }

    public async Task TruncateAsync(string owner, string log, long length, CancellationToken cancellationToken = default)
    {
        await Created(cancellationToken);
        await DeleteFrom(Partition(owner, log), Math.Max(0, length), cancellationToken);
    }

    public Task DeleteAsync(string owner, string log, CancellationToken cancellationToken = default) => TruncateAsync(owner, log, 0, cancellationToken);

    private async Task DeleteFrom(string partition, long position, CancellationToken cancellationToken)
    {
        var doomed = new List<TableTransactionAction>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(From(partition, position), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            doomed.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, ETag.All));
        }
        // A transaction holds at most 100 actions on one partition.
        foreach (var batch in doomed.Chunk(100))
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }

    private async Task Created(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }

    private static string From(string partition, long position) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {Row(position)}");

    /// <summary>Scope, owner and log, escaped: a key may not hold '/', '\', '#', '?' or control characters.</summary>
    private string Partition(string owner, string log)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentException.ThrowIfNullOrEmpty(log);
        return string.Join('|', Uri.EscapeDataString(scope), Uri.EscapeDataString(owner), Uri.EscapeDataString(log));
    }

    private static string Row(long position) => position.ToString("D19", CultureInfo.InvariantCulture);

    private static string Chunk(int index) => "R" + index.ToString("D2", CultureInfo.InvariantCulture);
}
