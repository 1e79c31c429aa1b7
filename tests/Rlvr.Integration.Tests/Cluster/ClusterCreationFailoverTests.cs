using Rlvr.Api.Contracts;
using Rlvr.Client;

namespace Rlvr.Integration.Tests.Cluster;

/// <summary>
/// A campaign the API accepted (202, Creating) is durable from then on: kill -9 of a silo of its three-silo cluster during
/// its creation leaves the survivors to finish the creation and run the campaign to its end. It never answers 404.
/// </summary>
public sealed class ClusterCreationFailoverTests(ClusterServices cluster) : IClassFixture<ClusterServices>
{
    /// <param name="victim">The silo killed: gpu holds the learner, cpu-a the campaign (its API took the request).</param>
    /// <param name="killPoint">
    /// Where: the learner's warm start, or the campaign's creation all but stored (warm start and baseline evaluation done).
    /// </param>
    [Theory]
    [InlineData("learner", "gpu", "warm-start:0")]
    [InlineData("campaign", "cpu-a", "create:0")]
    public async Task ASiloKilledDuringACreationLeavesTheSurvivorsToFinishItAndRunTheCampaign(string run, string victim, string killPoint)
    {
        var (a, b, gpu) = await ThreeSiloCluster.Start(cluster, run,
            cpuAKillPoint: victim == "cpu-a" ? killPoint : null, gpuKillPoint: victim == "gpu" ? killPoint : null);
        using (a)
        using (b)
        using (gpu)
        {
            var killed = victim == "gpu" ? gpu : a;
            using (var client = a.CreateClient())
            {
                var creating = client.CreateCampaignAsync(new CreateCampaignRequest(run, ResumeCampaign.Yaml));
                if (killed == gpu)
                {
                    Assert.Equal("Creating", (await creating).Status);
                }
                await killed.WaitForKillPoint();
                killed.Kill();
                // At the campaign's kill point its grain's thread stops with its silo, so that silo's API cannot answer the
                // request: the creation was stored before its warm start began, which is what the survivors go on from.
                await ((Task)creating).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            }

            var survivors = new[] { a, b, gpu }.Where(s => s != killed).ToArray();
            using var survivor = new RlvrClient(survivors.Select(s => s.BaseAddress).ToList(), maxRetries: 10);
            await Settled(survivor, run);
            await ThreeSiloCluster.Completed(survivor, run, survivors);
        }
    }

    /// <summary>
    /// Waits until the survivors answer for the campaign: right after a silo dies, a call to a grain that was active
    /// there may fail (503, or a 500 for a call timeout) while the cluster settles. A 404 fails at once.
    /// </summary>
    private static async Task Settled(RlvrClient client, string run)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            try
            {
                await client.GetCampaignAsync(run);
                return;
            }
            catch (RlvrApiException e) when (e.Status is 500 or 503 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
