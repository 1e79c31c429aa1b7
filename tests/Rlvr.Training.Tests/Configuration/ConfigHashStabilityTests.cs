using Rlvr.Training.Configuration;

namespace Rlvr.Training.Tests.Configuration;

/// <summary>
/// A campaign's configuration hash is its identity in stored state (and in <c>rlvr run</c>'s campaign ids): a new
/// release must compute the one the previous release stored, or a data directory it wrote no longer resumes. The
/// files in HashCases/ are frozen copies; the hashes are the ones the release before the strategy registry (b648f54)
/// computed for them.
/// </summary>
public sealed class ConfigHashStabilityTests
{
    [Theory]
    [InlineData("balanced.yaml", "792f8fecbcedb0691745e3129e627b90f8f97eb1a28de0b3a87c6692d98543b7")]
    [InlineData("dots-replay.yaml", "6fe2ef362617efba8c9661b2d820003ebeadbbae4618583d86f956129af134ba")]
    [InlineData("dots.yaml", "bf1fdb2523f2c3ccb842891327568e19801fe101d8eac312a175f68bec90e3c4")]
    [InlineData("prioritized.yaml", "ca17b254c0821b99c5b10a17c78b14e137b85ec139018e1773498ec4a42f9267")]
    [InlineData("quickstart.yaml", "24012e64d152849dd177170604606663b72fbc1cbf055fc7063d4db1688bed3f")]
    [InlineData("resume.yaml", "59346169ae82fb93a47c7831d81bef28a8880559ce4ab9f9bd037535fed9130a")]
    [InlineData("step-speed.yaml", "476fbcf22777dcb7203e606a6060f907306442d5a102326a5e1c966c69bcb32e")]
    [InlineData("uniform.yaml", "0d730eb5f2005bf39617c692f6b1f6cf135cb155b4a7562a2cf14cec920156d9")]
    public void TheHashIsThePreviousReleases(string file, string previousReleaseHash)
    {
        var yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Configuration", "HashCases", file));

        Assert.Equal(previousReleaseHash, ConfigHash.Compute(CampaignConfigParser.Parse(yaml)));
    }

    [Fact]
    public void AStrategyBlockLeftAtItsDefaultsCountsOnlyForTheFirstReleasesStrategies()
    {
        var yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Configuration", "HashCases", "uniform.yaml"));
        var canonical = ConfigHash.CanonicalJson(CampaignConfigParser.Parse(yaml));

        Assert.Contains("\"strategy\":{\"name\":\"uniform\",\"dump\":{\"window\":300", canonical, StringComparison.Ordinal);
        Assert.Contains("\"prioritized\":{\"floor\":0.05,\"smoothing\":0.5}}", canonical, StringComparison.Ordinal);
    }
}
