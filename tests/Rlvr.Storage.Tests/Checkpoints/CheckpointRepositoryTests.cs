using System.Globalization;
using Rlvr.Storage.Checkpoints;

namespace Rlvr.Storage.Tests.Checkpoints;

/// <summary>
/// The commit protocol over a real directory: the corruptions are done to the files themselves, as a crash, a full
/// disk or a bad sector would leave them.
/// </summary>
public sealed class CheckpointRepositoryTests : IDisposable
{
    private const string Owner = "learner-1";

    private readonly string _directory = Directory.CreateTempSubdirectory("rlvr-checkpoint-repo-").FullName;
    private readonly LocalCheckpointStore _store;
    private readonly RecordingLogger<CheckpointRepository> _logger = new();
    private readonly CheckpointRepository _repository;

    public CheckpointRepositoryTests()
    {
        _store = new LocalCheckpointStore(_directory);
        _repository = new CheckpointRepository(_store, _logger);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public enum Corruption
    {
        TruncatedBlob,
        FlippedByte,
        MissingBlobFile,
        UnparsableManifest,
    }

    private static byte[] Bytes(int length, long seed)
    {
        var bytes = new byte[length];
        new Random((int)seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Writes and commits a checkpoint with a "policy" and an "optimizer" blob whose bytes derive from the sequence.</summary>
    private async Task<CheckpointManifest> CommitAsync(long sequence)
    {
        var blobs = new[]
        {
            await _repository.PutBlobAsync(Owner, sequence, "policy", Bytes(4096, sequence)),
            await _repository.PutBlobAsync(Owner, sequence, "optimizer", Bytes(1000, sequence + 1000)),
        };
        return await _repository.CommitAsync(Owner, sequence, blobs,
            new Dictionary<string, string> { ["step"] = (sequence * 10).ToString(CultureInfo.InvariantCulture) });
    }

    private string CheckpointFile(long sequence, string fileName)
    {
        var path = Path.Combine(_directory, Owner, sequence.ToString("D12", CultureInfo.InvariantCulture), fileName);
        Assert.True(File.Exists(path), $"the layout changed: {path} does not exist");
        return path;
    }

    private void Corrupt(long sequence, Corruption corruption)
    {
        switch (corruption)
        {
            case Corruption.TruncatedBlob:
                var path = CheckpointFile(sequence, "policy.blob");
                File.WriteAllBytes(path, File.ReadAllBytes(path)[..100]);
                break;
            case Corruption.FlippedByte:
                var flipped = CheckpointFile(sequence, "policy.blob");
                var bytes = File.ReadAllBytes(flipped);
                bytes[1234] ^= 0x01;
                File.WriteAllBytes(flipped, bytes);
                break;
            case Corruption.MissingBlobFile:
                File.Delete(CheckpointFile(sequence, "policy.blob"));
                break;
            case Corruption.UnparsableManifest:
                File.WriteAllText(CheckpointFile(sequence, "manifest.json"), "{\"owner\": \"learner-1\", \"sequ");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(corruption));
        }
    }

    [Fact]
    public async Task ACommittedCheckpointIsTheLatestAndItsBlobsReadBack()
    {
        await CommitAsync(1);
        var committed = await CommitAsync(2);

        var latest = (await _repository.LoadLatestAsync(Owner))?.Manifest;

        Assert.NotNull(latest);
        Assert.Equal((Owner, 2L), (latest.Owner, latest.Sequence));
        Assert.Equal(committed.Blobs, latest.Blobs);
        Assert.Equal(new Dictionary<string, string> { ["step"] = "20" }, latest.Metadata);
        Assert.Equal(Bytes(4096, 2), await _repository.ReadBlobAsync(latest, "policy"));
        Assert.Equal(Bytes(1000, 1002), await _repository.ReadBlobAsync(latest, "optimizer"));
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public async Task DeletingAllRemovesEveryCheckpointCommittedOrNotAndTheOwnersDirectory()
    {
        await CommitAsync(2);
        await CommitAsync(4);
        await _repository.PutBlobAsync(Owner, 6, "policy", Bytes(16, 6));
        await _repository.PutBlobAsync("other", 1, "policy", Bytes(16, 1));

        await _repository.DeleteAllAsync(Owner);
        await _repository.DeleteAllAsync(Owner); // a retried deletion

        Assert.Null(await _repository.LoadLatestAsync(Owner));
        Assert.Empty(await _store.ListAsync(Owner));
        Assert.False(Directory.Exists(Path.Combine(_directory, Owner)));
        Assert.Equal([1L], await _store.ListAsync("other"));
    }

    [Fact]
    public async Task NoCheckpointAtAllIsNull()
    {
        Assert.Null((await _repository.LoadLatestAsync(Owner))?.Manifest);
    }

    [Fact]
    public async Task ACheckpointWithBlobsButNoManifestIsSkipped()
    {
        await CommitAsync(1);
        await _repository.PutBlobAsync(Owner, 2, "policy", Bytes(4096, 2));

        var latest = (await _repository.LoadLatestAsync(Owner))?.Manifest;

        Assert.Equal(1L, latest?.Sequence);
        var warning = Assert.Single(_logger.Warnings);
        Assert.Contains("checkpoint 2", warning, StringComparison.Ordinal);
        Assert.Contains("no manifest", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Corruption.TruncatedBlob, "truncated")]
    [InlineData(Corruption.FlippedByte, "SHA-256")]
    [InlineData(Corruption.MissingBlobFile, "missing")]
    [InlineData(Corruption.UnparsableManifest, "unreadable manifest")]
    public async Task ACorruptLatestCheckpointFallsBackToThePreviousOneWithAWarningNamingTheProblem(Corruption corruption, string problem)
    {
        await CommitAsync(1);
        await CommitAsync(2);
        Corrupt(2, corruption);

        var latest = (await _repository.LoadLatestAsync(Owner))?.Manifest;

        Assert.Equal(1L, latest?.Sequence);
        Assert.Equal(Bytes(4096, 1), await _repository.ReadBlobAsync(latest!, "policy"));
        var warning = Assert.Single(_logger.Warnings);
        Assert.Contains("checkpoint 2 of 'learner-1'", warning, StringComparison.Ordinal);
        Assert.Contains(problem, warning, StringComparison.Ordinal);
        if (corruption != Corruption.UnparsableManifest)
        {
            Assert.Contains("'policy'", warning, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FallbackPassesOverSeveralBadCheckpointsAndNoneGoodIsNull()
    {
        await CommitAsync(1);
        await CommitAsync(2);
        await CommitAsync(3);
        Corrupt(3, Corruption.FlippedByte);
        Corrupt(2, Corruption.MissingBlobFile);

        Assert.Equal(1L, ((await _repository.LoadLatestAsync(Owner))?.Manifest)?.Sequence);
        Assert.Equal(2, _logger.Warnings.Count());

        Corrupt(1, Corruption.UnparsableManifest);
        Assert.Null((await _repository.LoadLatestAsync(Owner))?.Manifest);
    }

    [Fact]
    public async Task ReadingACorruptBlobThrowsNamingTheBlob()
    {
        var manifest = await CommitAsync(4);
        Corrupt(4, Corruption.FlippedByte);

        var error = await Assert.ThrowsAsync<CheckpointCorruptException>(() => _repository.ReadBlobAsync(manifest, "policy"));

        Assert.Equal((Owner, 4L), (error.Owner, error.Sequence));
        Assert.Contains("blob 'policy'", error.Message, StringComparison.Ordinal);
        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
        Assert.Equal(Bytes(1000, 1004), await _repository.ReadBlobAsync(manifest, "optimizer"));
    }

    [Fact]
    public async Task RetentionKeepsTheLastTwoAndEveryFourthAndNothingNewerThanTheLatestIsTouched()
    {
        for (long sequence = 0; sequence <= 9; sequence++)
        {
            await CommitAsync(sequence);
        }

        // A commit in progress beyond the latest: blobs only, and one already with its manifest.
        await _repository.PutBlobAsync(Owner, 10, "policy", Bytes(10, 10));
        await CommitAsync(11);

        await _repository.ApplyRetentionAsync(Owner, latest: 9, new CheckpointRetention(KeepLast: 2, KeepEvery: 4));

        // Last two: 8, 9. Divisible by 4: 0, 4, 8. Newer than the latest: 10, 11.
        Assert.Equal([0L, 4, 8, 9, 10, 11], await _store.ListAsync(Owner));
        foreach (var kept in new long[] { 0, 4, 8, 9, 11 })
        {
            Assert.Equal(kept, ((await _repository.LoadAsync(Owner, kept)).Manifest).Sequence);
        }

        Assert.Equal(Bytes(10, 10), await _store.GetBlobAsync(Owner, 10, "policy"));
    }

    [Fact]
    public async Task RetentionDeletesUncommittedLeftoversOlderThanTheLatestButNeverTheLatest()
    {
        await CommitAsync(0);
        await _repository.PutBlobAsync(Owner, 1, "policy", Bytes(10, 1));
        await CommitAsync(2);
        await _repository.PutBlobAsync(Owner, 3, "policy", Bytes(10, 3));
        // The latest itself, still being written.
        await _repository.PutBlobAsync(Owner, 4, "policy", Bytes(10, 4));
        await _repository.PutBlobAsync(Owner, 5, "policy", Bytes(10, 5));

        await _repository.ApplyRetentionAsync(Owner, latest: 4, new CheckpointRetention(KeepLast: 5, KeepEvery: 0));

        Assert.Equal([0L, 2, 4, 5], await _store.ListAsync(Owner));
        Assert.Equal(Bytes(10, 4), await _store.GetBlobAsync(Owner, 4, "policy"));
        Assert.Equal(2L, ((await _repository.LoadLatestAsync(Owner))?.Manifest)?.Sequence);
    }
}
