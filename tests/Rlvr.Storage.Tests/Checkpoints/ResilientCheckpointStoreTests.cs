using Microsoft.Extensions.Logging.Abstractions;
using Rlvr.Storage.Checkpoints;
using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Tests.Checkpoints;

/// <summary>The retry decorator over a real directory store with faults injected in between.</summary>
public sealed class ResilientCheckpointStoreTests : IDisposable
{
    private const string Owner = "campaign-1";

    private static readonly StorageRetryOptions FastRetries = new()
    {
        MaxRetryAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(5),
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("rlvr-checkpoint-retry-").FullName;
    private readonly FaultInjectingCheckpointStore _faulty;

    public ResilientCheckpointStoreTests() => _faulty = new FaultInjectingCheckpointStore(new LocalCheckpointStore(_directory));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ResilientCheckpointStore Resilient(StorageRetryOptions? options = null) =>
        new(_faulty, "faulty", options ?? FastRetries, NullLogger<ResilientCheckpointStore>.Instance);

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task PutsThatFailBeforeWritingAreRetriedUntilTheyLand()
    {
        var store = Resilient();
        await store.PutBlobAsync(Owner, 1, "policy", Bytes(100, seed: 1));
        var replacement = Bytes(100, seed: 2);
        _faulty.FailuresBeforePut = FastRetries.MaxRetryAttempts;
        _faulty.Failure = () => new IOException("injected: no space left on device");

        // The re-read before each retry finds the old bytes, not ours, so the put is repeated.
        await store.PutBlobAsync(Owner, 1, "policy", replacement);

        Assert.Equal(1 + FastRetries.MaxRetryAttempts + 1, _faulty.PutAttempts);
        Assert.Equal(2, _faulty.LandedPuts);
        Assert.Equal(replacement, await _faulty.Inner.GetBlobAsync(Owner, 1, "policy"));
    }

    [Fact]
    public async Task AManifestPutThatFailedBeforeWritingIsRetried()
    {
        _faulty.FailuresBeforePut = 2;
        var manifest = "{\"step\":7}"u8.ToArray();

        await Resilient().PutManifestAsync(Owner, 7, manifest);

        Assert.Equal(3, _faulty.PutAttempts);
        Assert.Equal(manifest, await _faulty.Inner.GetManifestAsync(Owner, 7));
    }

    [Fact]
    public async Task APutThatLandedButReportedFailureIsReReadNotRepeated()
    {
        var data = Bytes(5000, seed: 3);
        _faulty.FailuresAfterPut = 1;

        await Resilient().PutBlobAsync(Owner, 2, "policy", data);

        Assert.Equal(1, _faulty.PutAttempts);
        Assert.Equal(1, _faulty.LandedPuts);
        Assert.Equal(1, _faulty.InjectedFailures);
        Assert.Equal(data, await _faulty.Inner.GetBlobAsync(Owner, 2, "policy"));
    }

    [Fact]
    public async Task PersistentFailureEndsInAGrainStorageExceptionNamingOperationAndKey()
    {
        _faulty.RefusePuts = true;

        var error = await Assert.ThrowsAsync<GrainStorageException>(() => Resilient().PutBlobAsync(Owner, 3, "optimizer", Bytes(10, seed: 4)));

        Assert.Equal(("faulty", "write checkpoint", $"{Owner}/3/optimizer", FastRetries.MaxRetryAttempts + 1),
            (error.ProviderName, error.Operation, error.Key, error.Attempts));
        Assert.Contains($"'{Owner}/3/optimizer'", error.Message, StringComparison.Ordinal);
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Equal(FastRetries.MaxRetryAttempts + 1, _faulty.PutAttempts);
        Assert.Null(await _faulty.Inner.GetBlobAsync(Owner, 3, "optimizer"));
    }

    [Fact]
    public async Task ACommitOverAStoreFailingAtRandomEndsWithEveryBlobVerified()
    {
        _faulty.RandomFailures = (new Random(20_260_522), 0.3);
        var options = new StorageRetryOptions
        {
            MaxRetryAttempts = 12,
            BaseDelay = TimeSpan.FromMilliseconds(1),
            MaxDelay = TimeSpan.FromMilliseconds(2),
            AttemptTimeout = TimeSpan.FromSeconds(5),
        };
        var repository = new CheckpointRepository(Resilient(options), NullLogger<CheckpointRepository>.Instance);
        var expected = new Dictionary<string, byte[]>();
        for (long sequence = 1; sequence <= 3; sequence++)
        {
            var blobs = new List<CheckpointBlob>();
            for (var i = 0; i < 6; i++)
            {
                var name = $"shard-{i}";
                expected[$"{sequence}/{name}"] = Bytes(2000 + (i * 100), seed: (int)(sequence * 100) + i);
                blobs.Add(await repository.PutBlobAsync(Owner, sequence, name, expected[$"{sequence}/{name}"]));
            }

            await repository.CommitAsync(Owner, sequence, blobs, new Dictionary<string, string>());
        }

        var latest = (await repository.LoadLatestAsync(Owner))?.Manifest;

        Assert.True(_faulty.InjectedFailures >= 10, $"only {_faulty.InjectedFailures} failures were injected");
        Assert.Equal(3L, latest?.Sequence);
        Assert.Equal(6, latest!.Blobs.Count);
        // Verified again without faults, checkpoint by checkpoint, blob by blob, against what was written.
        var clean = new CheckpointRepository(_faulty.Inner, NullLogger<CheckpointRepository>.Instance);
        for (long sequence = 1; sequence <= 3; sequence++)
        {
            var manifest = (await clean.LoadAsync(Owner, sequence)).Manifest;
            foreach (var blob in manifest.Blobs)
            {
                Assert.Equal(expected[$"{sequence}/{blob.Name}"], await clean.ReadBlobAsync(manifest, blob.Name));
            }
        }
    }
}
