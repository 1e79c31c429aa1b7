using Rlvr.Api.Contracts;
using Rlvr.Integration.Tests.Api;

namespace Rlvr.Integration.Tests.Cluster;

/// <summary>
/// A sweep on a cluster of three `rlvr silo` processes spreads its campaigns over the silos instead of running them all
/// beside the sweep (issue 28), and says where each runs, as GET /api/v1/status does; a campaign created through a
/// silo's API stays on that silo.
/// </summary>
public sealed class SweepPlacementTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const string Sweep = "spread";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    /// <summary>The API tests' tiny campaign at three seeds, all at once.</summary>
    private static string Spec() =>
        $"id: {Sweep}\nbase:\n{string.Join('\n', ApiCampaigns.Tiny.Split('\n').Select(l => "  " + l))}\n"
        + "concurrency: 3\naxes:\n  seed: [11, 12, 13]\n";

    [Fact]
    public async Task ASweepsCampaignsRunOnSeveralSilosAndStatusSaysWhereEachRuns()
    {
        var silos = await Task.WhenAll(
            SiloProcess.Start(fixture.NewDataDirectory($"{Sweep}-cpu-a"), environment: fixture.Silo(Sweep, "cpu-a", "Cpu")),
            SiloProcess.Start(fixture.NewDataDirectory($"{Sweep}-cpu-b"), environment: fixture.Silo(Sweep, "cpu-b", "Cpu")),
            SiloProcess.Start(fixture.NewDataDirectory($"{Sweep}-gpu"), environment: fixture.Silo(Sweep, "gpu", "Gpu")));
        try
        {
            await ThreeSiloCluster.Formed(silos);
            using var client = silos[0].CreateClient();
            await client.CreateSweepAsync(new CreateSweepRequest(Sweep, Spec()));
            await client.CreateCampaignAsync(new CreateCampaignRequest("alone", ApiCampaigns.Tiny, Start: false));

            var deadline = DateTime.UtcNow + Timeout;
            SweepInfo sweep;
            while ((sweep = await client.GetSweepAsync(Sweep)).Campaigns.Any(c => c.Status is "Pending" or "Creating"))
            {
                Assert.True(DateTime.UtcNow < deadline, $"the sweep's campaigns were not created: {string.Join(", ", sweep.Campaigns)}");
                await Task.Delay(500);
            }
            Assert.Equal(3, sweep.Campaigns.Count);
            Assert.All(sweep.Campaigns, c => Assert.True(c.Status is "Created" or "Running" or "Completed", $"{c.CampaignId}: {c.Status} {c.Error}"));
            Assert.True(sweep.Campaigns.Select(c => c.Silo).Distinct().Count() >= 2,
                $"the sweep's campaigns run on {string.Join(", ", sweep.Campaigns.Select(c => $"{c.CampaignId}@{c.Silo}"))}");

            // Status, from any silo, names the silo of each campaign, as the sweep and the campaign do.
            using var other = silos[1].CreateClient();
            var status = await other.GetStatusAsync();
            var hosts = status.Cluster.SelectMany(s => s.Campaigns.Select(c => (Campaign: c, Silo: s.Name))).ToDictionary(h => h.Campaign, h => h.Silo);
            Assert.All(sweep.Campaigns, c => Assert.Equal(c.Silo, hosts[c.CampaignId]));
            Assert.Equal(("cpu-a", "cpu-a"), (hosts["alone"], (await client.GetCampaignAsync("alone")).Silo));
            await client.StopSweepAsync(Sweep);
        }
        finally
        {
            foreach (var silo in silos)
            {
                silo.Dispose();
            }
        }
    }
}
