using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Rlvr.Grains.Contracts;
using Rlvr.Grains.Rollouts;
using Rlvr.Storage.Chunks;

namespace Rlvr.Grains.Tests.Ledger;

/// <summary>A silo's rollout workers share one fetch of a policy version from the checkpoint store; a failed fetch is not kept.</summary>
public sealed class PolicyWeightsCacheTests(CompletedDotsCampaign campaign) : IClassFixture<CompletedDotsCampaign>
{
    private const string Id = CompletedDotsCampaign.Id;

    private string ConfigHash => campaign.Campaign.ConfigHash;

    [Fact]
    public async Task AVersionIsFetchedOnceHoweverManyWorkersAskAndAFailedFetchIsAskedAgain()
    {
        var cache = NewCache();
        var version = (await campaign.Silo.Grains.GetGrain<ILearnerGrain>(Id).GetSnapshot()).Version;

        var asked = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => cache.Get(Id, ConfigHash, version)));

        Assert.Equal(1, cache.Fetches);
        Assert.All(asked, weights => Assert.Same(asked[0], weights));
        Assert.Equal(version, asked[0].Version);

        // A version the learner does not hold fails, and is fetched again when asked again; the good one stays kept.
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => cache.Get(Id, ConfigHash, version + 5));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => cache.Get(Id, ConfigHash, version + 5));
        Assert.Same(asked[0], await cache.Get(Id, ConfigHash, version));
        Assert.Equal(3, cache.Fetches);
    }

    [Fact]
    public async Task AVersionOfAnotherCreationOfTheCampaignIsNeitherServedFromTheCacheNorByTheLearner()
    {
        // A campaign created again under its id with another configuration starts its versions over: version n of the
        // old creation is not version n of the new one.
        var cache = NewCache();
        var version = (await campaign.Silo.Grains.GetGrain<ILearnerGrain>(Id).GetSnapshot()).Version;
        var current = await cache.Get(Id, ConfigHash, version);

        var other = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => cache.Get(Id, "another-configuration", version));

        Assert.Contains("another-configuration", other.Message, StringComparison.Ordinal);
        Assert.Contains(ConfigHash, other.Message, StringComparison.Ordinal);
        Assert.Equal(2, cache.Fetches);
        // The old creation's versions were dropped with it: asked again, the current one is fetched again.
        Assert.Equal(current.Weights, (await cache.Get(Id, ConfigHash, version)).Weights);
        Assert.Equal(3, cache.Fetches);
    }

    private PolicyWeightsCache NewCache() => new(
        campaign.Silo.Grains, campaign.Silo.Services.GetRequiredService<ChunkedBlobStore>(), NullLogger<PolicyWeightsCache>.Instance);
}
