using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Configuration;
using Rlvr.Grains.Verifiers;

namespace Rlvr.Grains.Tests.Campaigns;

public sealed class CampaignCacheTests : IDisposable
{
    private const string Yaml = """
        tasks:
          dataset: d.jsonl
          eval_size: 2
        """;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rlvr-campaign-cache-");

    [Fact]
    public void EqualSpecsShareOneCampaignAndOtherStepCountsGetTheirOwn()
    {
        WriteDataset();
        var cache = new CampaignCache(VerifierRegistry.CreateDefault());

        var first = cache.Load(Spec());
        var again = cache.Load(Spec());
        var longer = cache.Load(Spec(steps: 7));

        Assert.Same(first, again);
        Assert.NotSame(first, longer);
        Assert.Equal(7, longer.Config.Steps);
        Assert.NotEqual(first.ConfigHash, longer.ConfigHash);
    }

    [Fact]
    public void ConcurrentLoadsOfOneSpecGetOneCampaign()
    {
        WriteDataset();
        var cache = new CampaignCache(VerifierRegistry.CreateDefault());

        var loaded = Enumerable.Range(0, 8).AsParallel().Select(_ => cache.Load(Spec())).ToList();

        Assert.All(loaded, campaign => Assert.Same(loaded[0], campaign));
    }

    [Fact]
    public void AFailedLoadIsTriedAgain()
    {
        var cache = new CampaignCache(VerifierRegistry.CreateDefault());

        var error = Assert.Throws<CampaignConfigException>(() => cache.Load(Spec()));
        Assert.StartsWith("tasks.dataset: file not found", error.Errors[0], StringComparison.Ordinal);
        WriteDataset();

        Assert.Equal(["echo"], cache.Load(Spec()).Catalog.DistributionNames);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private CampaignSpec Spec(int? steps = null) => new(Yaml, _directory.FullName, Path.Combine(_directory.FullName, "data"), steps);

    private void WriteDataset() =>
        File.WriteAllText(Path.Combine(_directory.FullName, "d.jsonl"), string.Join("\n", Enumerable.Range(0, 40).Select(i =>
            $$"""{"prompt": "{{i}}=", "answer": "{{i}}", "distribution": "echo", "verifier": "numeric"}""")));
}
