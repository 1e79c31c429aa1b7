using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Rlvr.Grains.Campaigns;
using Rlvr.Storage.Checkpoints;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Configuration;
using Rlvr.Training.Verifiers;

namespace Rlvr.Grains.Tests.Campaigns;

public sealed class CampaignCacheTests : IDisposable
{
    private const string Yaml = """
        tasks:
          dataset: d.jsonl
          eval_size: 2
        """;

    private static readonly byte[] Dataset = Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, 40).Select(i =>
        $$"""{"prompt": "{{i}}=", "answer": "{{i}}", "distribution": "echo", "verifier": "numeric"}""")));

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rlvr-campaign-cache-");
    private readonly DatasetSnapshotStore _datasets;
    private readonly CampaignCache _cache;

    public CampaignCacheTests()
    {
        var checkpoints = new CheckpointRepository(
            new LocalCheckpointStore(Path.Combine(_directory.FullName, "checkpoints")), NullLogger<CheckpointRepository>.Instance);
        _datasets = new DatasetSnapshotStore(checkpoints);
        _cache = new CampaignCache(VerifierRegistry.CreateDefault(), _datasets);
    }

    [Fact]
    public async Task EqualSpecsShareOneCampaignAndOtherStepCountsGetTheirOwn()
    {
        await _datasets.SaveAsync(Dataset);

        var first = await _cache.LoadAsync(Spec());
        var again = await _cache.LoadAsync(Spec());
        var longer = await _cache.LoadAsync(Spec(steps: 7));

        Assert.Same(first, again);
        Assert.NotSame(first, longer);
        Assert.Equal(7, longer.Config.Steps);
        Assert.NotEqual(first.ConfigHash, longer.ConfigHash);
    }

    [Fact]
    public async Task ConcurrentLoadsOfOneSpecGetOneCampaign()
    {
        await _datasets.SaveAsync(Dataset);

        var loaded = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _cache.LoadAsync(Spec()))));

        Assert.All(loaded, campaign => Assert.Same(loaded[0], campaign));
    }

    [Fact]
    public async Task AFailedLoadIsTriedAgain()
    {
        var error = await Assert.ThrowsAsync<CampaignConfigException>(() => _cache.LoadAsync(Spec()));
        Assert.Equal($"tasks.dataset: no dataset with SHA-256 {DatasetSnapshotStore.Hash(Dataset)} is stored", error.Errors[0]);
        await _datasets.SaveAsync(Dataset);

        Assert.Equal(["echo"], (await _cache.LoadAsync(Spec())).Catalog.DistributionNames);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static CampaignSpec Spec(int? steps = null) =>
        new(Yaml, steps, DatasetSnapshotStore.Hash(Dataset));
}
