using Rlvr.Storage.Checkpoints;
using Rlvr.Storage.Chunks;

namespace Rlvr.Storage.Tests.Chunks;

/// <summary>Chunked blobs over a real local checkpoint directory, with chunks of 1 KiB so that a few KiB make several.</summary>
public sealed class ChunkedBlobStoreTests : IDisposable
{
    private const string Collection = "_weights.campaign";
    private const int ChunkSize = 1024;

    private readonly string _directory = Directory.CreateTempSubdirectory("rlvr-chunks-").FullName;
    private readonly LocalCheckpointStore _store;

    public ChunkedBlobStoreTests() => _store = new LocalCheckpointStore(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ABlobReadsBackWholeFromItsManifestAlone()
    {
        var data = Bytes(3 * ChunkSize + 100, seed: 1);
        var written = await Writer().PutAsync(Collection, 4, data, new Dictionary<string, string> { ["kind"] = "full" }, []);

        var reader = Writer();
        var manifest = await reader.GetManifestAsync(Collection, 4);
        var read = await reader.ReadAsync(manifest!);

        Assert.Equal(4, manifest!.Chunks.Count);
        Assert.Equal([1024, 1024, 1024, 100], manifest.Chunks.Select(c => c.Length));
        Assert.Equal("full", manifest.Require("kind"));
        Assert.Equal(written.Sha256, manifest.Sha256);
        Assert.Equal(data, read.Data);
        Assert.Equal(data.Length, read.BytesFetched);
        Assert.Null(await reader.GetManifestAsync(Collection, 5));
    }

    [Fact]
    public async Task ChunksAlreadyStoredAreNeitherWrittenNorFetchedAgain()
    {
        var writer = Writer();
        var first = Bytes(4 * ChunkSize, seed: 2);
        var second = first.ToArray();
        second[(2 * ChunkSize) + 5] ^= 1;
        var v1 = await writer.PutAsync(Collection, 1, first, Metadata(), []);
        var v2 = await writer.PutAsync(Collection, 2, second, Metadata(), [v1]);

        Assert.Equal([1L, 1L, 2L, 1L], v2.Chunks.Select(c => c.StoredUnder));
        Assert.Single(Directory.GetFiles(Path.Combine(_directory, Collection, "000000000002"), "*.blob"));

        var reader = Writer();
        Assert.Equal(first.Length, (await reader.ReadAsync(v1)).BytesFetched);
        var read = await reader.ReadAsync(v2);
        Assert.Equal(second, read.Data);
        Assert.Equal(ChunkSize, read.BytesFetched);
    }

    [Fact]
    public async Task AnAlteredChunkIsNamedAndNotCached()
    {
        var manifest = await Writer().PutAsync(Collection, 1, Bytes(2 * ChunkSize, seed: 3), Metadata(), []);
        var chunk = manifest.Chunks[1];
        var file = Path.Combine(_directory, Collection, "000000000001", chunk.Sha256 + ".blob");
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[0] ^= 0xFF;
        await File.WriteAllBytesAsync(file, bytes);

        var reader = Writer();
        var error = await Assert.ThrowsAsync<CheckpointCorruptException>(() => reader.ReadAsync(manifest));
        Assert.Contains(chunk.Sha256, error.Message, StringComparison.Ordinal);
        // Still refused on a second read: the altered chunk did not enter the cache.
        await Assert.ThrowsAsync<CheckpointCorruptException>(() => reader.ReadAsync(manifest));
    }

    [Fact]
    public async Task CollectionKeepsTheBlobsThatKeptBlobsStillReferTo()
    {
        var writer = Writer();
        var data = Bytes(2 * ChunkSize, seed: 4);
        var v1 = await writer.PutAsync(Collection, 1, data, Metadata(), []);
        var changed = data.ToArray();
        changed[0] ^= 1;
        var v2 = await writer.PutAsync(Collection, 2, changed, Metadata(), [v1]);
        changed[ChunkSize] ^= 1;
        var v3 = await writer.PutAsync(Collection, 3, changed, Metadata(), [v2]);

        await writer.CollectAsync(Collection, keepFrom: 3);

        // v3's first chunk is stored under 2, its second under 3: 1 goes, 2 stays.
        Assert.Equal([2L, 3L], v3.Chunks.Select(c => c.StoredUnder));
        Assert.Equal([2L, 3L], await _store.ListAsync(Collection));
        Assert.Equal(changed, (await Writer().ReadAsync(v3)).Data);
    }

    private ChunkedBlobStore Writer() => new(_store, new ChunkCache(1 << 20), ChunkSize);

    private static Dictionary<string, string> Metadata() => new() { ["kind"] = "full" };

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
