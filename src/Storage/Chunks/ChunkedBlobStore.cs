using System.Security.Cryptography;
using System.Text.Json;
using Rlvr.Storage.Checkpoints;

namespace Rlvr.Storage.Chunks;

/// <summary>
/// Large blobs as content-addressed chunks in an <see cref="ICheckpointStore"/> (whichever the silo uses: local
/// directory, PostgreSQL, Azure Blob), each blob numbered by a sequence within a collection. A chunk is named by its
/// SHA-256 and stored once: a blob whose chunk a blob passed as reusable already holds refers to that copy. The manifest
/// is written last, so a blob exists exactly when its manifest does. Readers fetch the chunks their cache lacks in
/// parallel and check every chunk and the whole blob against the manifest.
/// </summary>
public sealed class ChunkedBlobStore(ICheckpointStore store, ChunkCache cache, int chunkSize = ChunkedBlobStore.DefaultChunkSize)
{
    public const int DefaultChunkSize = 4 << 20;

    private const int ParallelTransfers = 8;
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Writes <paramref name="data"/> as blob <paramref name="sequence"/> of <paramref name="collection"/>, its chunks
    /// in parallel, then its manifest. Chunks that a manifest in <paramref name="reusable"/> lists are not written again.
    /// </summary>
    public async Task<ChunkedBlobManifest> PutAsync(string collection, long sequence, ReadOnlyMemory<byte> data,
        IReadOnlyDictionary<string, string> metadata, IEnumerable<ChunkedBlobManifest> reusable, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(reusable);
        var stored = new Dictionary<string, ChunkReference>(StringComparer.Ordinal);
        foreach (var chunk in reusable.Where(m => m.Collection == collection).SelectMany(m => m.Chunks))
        {
            stored.TryAdd(chunk.Sha256, chunk);
        }
        var count = (int)((data.Length + (long)chunkSize - 1) / chunkSize);
        var chunks = new ChunkReference[count];
        await Parallel.ForAsync(0, count, Transfers(cancellationToken), async (i, ct) =>
        {
            var bytes = data.Slice(i * chunkSize, Math.Min(chunkSize, data.Length - (i * chunkSize)));
            var sha256 = Checksum(bytes.Span);
            if (stored.TryGetValue(sha256, out var existing))
            {
                chunks[i] = existing;
                return;
            }
            await store.PutBlobAsync(collection, sequence, sha256, bytes, ct);
            chunks[i] = new ChunkReference(sha256, bytes.Length, sequence);
        });
        var manifest = new ChunkedBlobManifest(collection, sequence, data.Length, Checksum(data.Span), metadata, chunks);
        await store.PutManifestAsync(collection, sequence, JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson), cancellationToken);
        return manifest;
    }

    /// <summary>The manifest of a blob, or null when it was never (or not yet wholly) written.</summary>
    public async Task<ChunkedBlobManifest?> GetManifestAsync(string collection, long sequence, CancellationToken cancellationToken = default)
    {
        if (await store.GetManifestAsync(collection, sequence, cancellationToken) is not { } bytes)
        {
            return null;
        }
        try
        {
            var manifest = JsonSerializer.Deserialize<ChunkedBlobManifest>(bytes, ManifestJson) ?? throw new JsonException("the manifest is null");
            return manifest.Collection == collection && manifest.Sequence == sequence
                ? manifest
                : throw new CheckpointCorruptException(collection, sequence, $"the manifest is that of blob {manifest.Sequence} of '{manifest.Collection}'");
        }
        catch (JsonException e)
        {
            throw new CheckpointCorruptException(collection, sequence, $"unreadable chunked-blob manifest: {e.Message}");
        }
    }

    /// <summary>
    /// The blob a manifest describes: cached chunks from the cache, the others fetched in parallel, each checked against
    /// its SHA-256 and cached, then the whole. Throws <see cref="CheckpointCorruptException"/> naming a missing or altered chunk.
    /// </summary>
    public async Task<ChunkedRead> ReadAsync(ChunkedBlobManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var data = new byte[manifest.Length];
        var offsets = new long[manifest.Chunks.Count];
        for (var i = 1; i < offsets.Length; i++)
        {
            offsets[i] = offsets[i - 1] + manifest.Chunks[i - 1].Length;
        }
        long fetched = 0;
        await Parallel.ForAsync(0, manifest.Chunks.Count, Transfers(cancellationToken), async (i, ct) =>
        {
            var chunk = manifest.Chunks[i];
            var (bytes, fromStore) = await ChunkAsync(manifest.Collection, chunk.StoredUnder, chunk.Sha256, ct);
            if (bytes is null || bytes.Length != chunk.Length)
            {
                throw new CheckpointCorruptException(manifest.Collection, chunk.StoredUnder, bytes is null
                    ? $"chunk {chunk.Sha256} of blob {manifest.Sequence} is missing"
                    : $"chunk {chunk.Sha256} of blob {manifest.Sequence} has {bytes.Length} bytes, not {chunk.Length}");
            }
            if (fromStore)
            {
                Interlocked.Add(ref fetched, bytes.Length);
            }
            bytes.CopyTo(data.AsSpan((int)offsets[i]));
        });
        if ((offsets.Length > 0 && offsets[^1] + manifest.Chunks[^1].Length != manifest.Length) || Checksum(data) != manifest.Sha256)
        {
            throw new CheckpointCorruptException(manifest.Collection, manifest.Sequence, "its chunks do not make up the blob its manifest describes");
        }
        return new ChunkedRead(data, fetched);
    }

    /// <summary>
    /// The chunk named <paramref name="sha256"/> stored under blob <paramref name="storedUnder"/> (a manifest's
    /// <see cref="ChunkReference"/>), from the cache or the store, checked against its name; null when it is not stored
    /// (never, or collected since). Throws <see cref="CheckpointCorruptException"/> when its bytes do not have its SHA-256.
    /// </summary>
    public async Task<byte[]?> ReadChunkAsync(string collection, long storedUnder, string sha256, CancellationToken cancellationToken = default) =>
        (await ChunkAsync(collection, storedUnder, sha256, cancellationToken)).Data;

    private async Task<(byte[]? Data, bool FromStore)> ChunkAsync(string collection, long storedUnder, string sha256, CancellationToken cancellationToken)
    {
        if (cache.Get(sha256) is { } cached)
        {
            return (cached, false);
        }
        if (await store.GetBlobAsync(collection, storedUnder, sha256, cancellationToken) is not { } bytes)
        {
            return (null, false);
        }
        if (Checksum(bytes) != sha256)
        {
            throw new CheckpointCorruptException(collection, storedUnder, $"chunk {sha256} has {bytes.Length} bytes and SHA-256 {Checksum(bytes)}");
        }
        cache.Add(sha256, bytes);
        return (bytes, true);
    }

    /// <summary>
    /// Deletes the blobs of <paramref name="collection"/> numbered below <paramref name="keepFrom"/>, except those
    /// holding chunks that a kept blob refers to (they go once no kept blob does).
    /// </summary>
    public async Task CollectAsync(string collection, long keepFrom, CancellationToken cancellationToken = default)
    {
        var sequences = await store.ListAsync(collection, cancellationToken);
        var referenced = new HashSet<long>();
        foreach (var sequence in sequences.Where(s => s >= keepFrom))
        {
            if (await GetManifestAsync(collection, sequence, cancellationToken) is { } manifest)
            {
                referenced.UnionWith(manifest.Chunks.Select(c => c.StoredUnder));
            }
        }
        foreach (var sequence in sequences.Where(s => s < keepFrom && !referenced.Contains(s)))
        {
            await store.DeleteAsync(collection, sequence, cancellationToken);
        }
    }

    private static ParallelOptions Transfers(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = ParallelTransfers, CancellationToken = cancellationToken };

    private static string Checksum(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
