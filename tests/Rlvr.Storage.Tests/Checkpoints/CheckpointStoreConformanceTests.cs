using Rlvr.Storage.Checkpoints;

namespace Rlvr.Storage.Tests.Checkpoints;

/// <summary>
/// The behaviour every checkpoint store must show, run against each one. Owners carry a suffix unique to the test,
/// so stores whose database outlives one test stay isolated.
/// </summary>
public abstract class CheckpointStoreConformanceTests : IAsyncLifetime
{
    private readonly List<ICheckpointStore> _stores = [];

    protected string Owner { get; } = "conformance-" + Guid.NewGuid().ToString("N");

    /// <summary>A new store instance over the test's directory or database (the same one each call).</summary>
    protected abstract ICheckpointStore OpenStore();

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    private ICheckpointStore Store()
    {
        var store = OpenStore();
        _stores.Add(store);
        return store;
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task BlobsRoundTripByteForByte()
    {
        var store = Store();
        var everyByteValue = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var large = Bytes(3 << 20, seed: 1);

        await store.PutBlobAsync(Owner, 1, "every-byte", everyByteValue);
        await store.PutBlobAsync(Owner, 1, "large.bin", large);
        await store.PutBlobAsync(Owner, 1, "empty", ReadOnlyMemory<byte>.Empty);

        Assert.Equal(everyByteValue, await store.GetBlobAsync(Owner, 1, "every-byte"));
        Assert.Equal(large, await store.GetBlobAsync(Owner, 1, "large.bin"));
        Assert.Equal(Array.Empty<byte>(), await store.GetBlobAsync(Owner, 1, "empty"));
    }

    [Fact]
    public async Task ManifestsRoundTripByteForByte()
    {
        var store = Store();
        var manifest = "{\"owner\":\"x\",\"text\":\"naïve 日本語 🧪\"}\n"u8.ToArray();

        await store.PutManifestAsync(Owner, 3, manifest);

        Assert.Equal(manifest, await store.GetManifestAsync(Owner, 3));
    }

    [Fact]
    public async Task MissingBlobsAndManifestsReadAsNull()
    {
        var store = Store();
        Assert.Null(await store.GetBlobAsync(Owner, 0, "policy"));
        Assert.Null(await store.GetManifestAsync(Owner, 0));

        await store.PutBlobAsync(Owner, 5, "policy", Bytes(16, seed: 2));
        Assert.Null(await store.GetBlobAsync(Owner, 5, "optimizer"));
        Assert.Null(await store.GetBlobAsync(Owner, 6, "policy"));
        Assert.Null(await store.GetManifestAsync(Owner, 5));
    }

    [Fact]
    public async Task APutReplacesWhatWasThere()
    {
        var store = Store();
        var shorter = Bytes(10, seed: 3);
        var manifest = "{\"second\":true}"u8.ToArray();
        await store.PutBlobAsync(Owner, 1, "policy", Bytes(1000, seed: 4));
        await store.PutManifestAsync(Owner, 1, "{\"first\":true, \"padding\":\"a longer first manifest\"}"u8.ToArray());

        // Shorter than before, so a store that writes in place without truncating would leave a tail.
        await store.PutBlobAsync(Owner, 1, "policy", shorter);
        await store.PutManifestAsync(Owner, 1, manifest);

        Assert.Equal(shorter, await store.GetBlobAsync(Owner, 1, "policy"));
        Assert.Equal(manifest, await store.GetManifestAsync(Owner, 1));
    }

    [Fact]
    public async Task ListIsAscendingNumericallyAndIncludesUncommittedCheckpoints()
    {
        var store = Store();
        Assert.Empty(await store.ListAsync(Owner));

        await store.PutBlobAsync(Owner, 10, "policy", Bytes(8, seed: 5));
        await store.PutBlobAsync(Owner, 2, "policy", Bytes(8, seed: 6));
        await store.PutBlobAsync(Owner, 2, "optimizer", Bytes(8, seed: 7));
        await store.PutManifestAsync(Owner, 7, "{}"u8.ToArray());
        await store.PutBlobAsync(Owner, 5_000_000_000, "policy", Bytes(8, seed: 8));
        await store.PutBlobAsync(Owner, 0, "policy", Bytes(8, seed: 9));
        await store.PutManifestAsync(Owner, 0, "{}"u8.ToArray());

        Assert.Equal([0L, 2, 7, 10, 5_000_000_000], await store.ListAsync(Owner));
    }

    [Fact]
    public async Task DeleteRemovesTheManifestAndEveryBlobOfThatCheckpointOnly()
    {
        var store = Store();
        var kept = Bytes(32, seed: 10);
        foreach (var sequence in new long[] { 1, 2 })
        {
            await store.PutBlobAsync(Owner, sequence, "policy", kept);
            await store.PutBlobAsync(Owner, sequence, "optimizer", kept);
            await store.PutManifestAsync(Owner, sequence, "{}"u8.ToArray());
        }

        await store.DeleteAsync(Owner, 2);

        Assert.Null(await store.GetManifestAsync(Owner, 2));
        Assert.Null(await store.GetBlobAsync(Owner, 2, "policy"));
        Assert.Null(await store.GetBlobAsync(Owner, 2, "optimizer"));
        Assert.Equal([1L], await store.ListAsync(Owner));
        Assert.Equal(kept, await store.GetBlobAsync(Owner, 1, "policy"));
        Assert.Equal(kept, await store.GetBlobAsync(Owner, 1, "optimizer"));
        Assert.NotNull(await store.GetManifestAsync(Owner, 1));

        // Deleting what is already gone is not an error: a retried delete must succeed.
        await store.DeleteAsync(Owner, 2);
        await store.DeleteAsync(Owner, 99);
        Assert.Equal([1L], await store.ListAsync(Owner));
    }

    [Fact]
    public async Task OwnersAreIsolated()
    {
        var store = Store();
        var other = Owner + "-other";
        var mine = Bytes(20, seed: 11);
        var theirs = Bytes(20, seed: 12);
        await store.PutBlobAsync(Owner, 1, "policy", mine);
        await store.PutManifestAsync(Owner, 1, "{\"mine\":1}"u8.ToArray());
        await store.PutBlobAsync(other, 1, "policy", theirs);
        await store.PutManifestAsync(other, 1, "{\"theirs\":1}"u8.ToArray());
        await store.PutBlobAsync(other, 4, "policy", theirs);

        Assert.Equal(mine, await store.GetBlobAsync(Owner, 1, "policy"));
        Assert.Equal(theirs, await store.GetBlobAsync(other, 1, "policy"));
        Assert.Equal("{\"mine\":1}"u8.ToArray(), await store.GetManifestAsync(Owner, 1));
        Assert.Equal([1L], await store.ListAsync(Owner));
        Assert.Equal([1L, 4], await store.ListAsync(other));

        await store.DeleteAsync(other, 1);
        Assert.Equal(mine, await store.GetBlobAsync(Owner, 1, "policy"));
        Assert.NotNull(await store.GetManifestAsync(Owner, 1));
        Assert.Empty(await store.ListAsync(Owner + "-nobody"));
    }

    [Fact]
    public async Task CheckpointsSurviveANewStoreInstance()
    {
        var blob = Bytes(64, seed: 13);
        var first = Store();
        await first.PutBlobAsync(Owner, 3, "policy", blob);
        await first.PutManifestAsync(Owner, 3, "{}"u8.ToArray());

        var reopened = Store();
        Assert.Equal(blob, await reopened.GetBlobAsync(Owner, 3, "policy"));
        Assert.Equal("{}"u8.ToArray(), await reopened.GetManifestAsync(Owner, 3));
        Assert.Equal([3L], await reopened.ListAsync(Owner));
    }

    [Theory]
    [InlineData("../escape", "policy")]
    [InlineData(".hidden", "policy")]
    [InlineData("owner", "a/b")]
    [InlineData("owner", "")]
    public async Task NamesThatCouldEscapeOrCollideAreRefused(string owner, string name)
    {
        var store = Store();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.PutBlobAsync(owner, 1, name, new byte[] { 1 }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.GetBlobAsync(owner, 1, name));
        await Assert.ThrowsAnyAsync<ArgumentOutOfRangeException>(() => store.PutManifestAsync(Owner, -1, new byte[] { 1 }));
    }
}
