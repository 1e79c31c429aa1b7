using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Rlvr.Api.Contracts;
using Rlvr.Client;
using Rlvr.Integration.Tests.Api;

namespace Rlvr.Integration.Tests.Cluster;

/// <summary>
/// A campaign on a cluster of three `rlvr silo` processes (two CPU silos, one GPU-role silo, Redis or Azure Table
/// membership, Azure storage) loses a silo to kill -9 mid-step and carries on by itself on the survivors, ending with the weights,
/// curriculum, metrics and evaluations of the uninterrupted single-silo run. The client is given two silos' addresses.
/// </summary>
public sealed class ClusterFailoverTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan LineTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task KillingTheLearnersSiloMidUpdateMovesTheLearnerToACpuSiloAndARejoiningSiloTakesWorkAgain()
    {
        const string run = "learner";
        var (a, b, gpu) = await ThreeSiloCluster.Start(fixture, run, gpuKillPoint: "mid-update:5");
        using (a)
        using (b)
        using (gpu)
        using (var client = new RlvrClient([a.BaseAddress, b.BaseAddress], maxRetries: 10))
        {
            await client.CreateCampaignAsync(new CreateCampaignRequest(run, ClusterFixture.Yaml));
            await KillPointReached(gpu, client, run, a, b, gpu);
            // Placed by the filter: the learner went to the GPU silo, not to the silo whose API created the campaign.
            Assert.Contains($"Learner {run} activated on silo gpu", gpu.Output, StringComparison.Ordinal);
            Assert.DoesNotContain($"Learner {run} activated", a.Output + b.Output, StringComparison.Ordinal);
            gpu.Kill();

            // With no GPU silo left, the documented fallback: a CPU silo, with a warning.
            await Poll.Campaign(client, run, c => c.Step > 5 || c.Status is "Failed" or "Completed");
            Assert.Contains($"No GPU silo in the cluster: learner/{run} is placed on a CPU silo", a.Output + b.Output, StringComparison.Ordinal);
            Assert.Matches(LearnerOn(run, "cpu-[ab]"), a.Output + b.Output);

            // Paused while the silo rejoins, so that steps are left for it to take.
            await client.PauseAsync(run);
            using var rejoined = await SiloProcess.Start(fixture.NewDataDirectory($"{run}-gpu-2"), environment: fixture.Silo(run, "gpu-2", "Gpu"));
            await ThreeSiloCluster.Formed(a, b, rejoined);
            await client.ResumeAsync(run);
            await rejoined.WaitForLine(WorkerOn(run, "gpu-2"), LineTimeout);

            await ThreeSiloCluster.Completed(client, run, a, b);
        }
        CampaignOutcome.AssertSame(await fixture.Reference(), await Outcome(run));
    }

    /// <summary>On Azure Table membership, where the other tests use Redis.</summary>
    [Fact]
    public async Task KillingTheCampaignsSiloLetsTheSurvivorsReviveItAndTheClientMovesToAnotherSilo()
    {
        const string run = "campaign";
        var (a, b, gpu) = await ThreeSiloCluster.Start(fixture, run, cpuAKillPoint: "step-end:5", membership: "Azure");
        using (a)
        using (b)
        using (gpu)
        using (var client = new RlvrClient([a.BaseAddress, b.BaseAddress], maxRetries: 10))
        {
            // Created through silo a, the campaign grain lives there (and reaches the kill point there).
            await client.CreateCampaignAsync(new CreateCampaignRequest(run, ClusterFixture.Yaml));
            await KillPointReached(a, client, run, a, b, gpu);
            a.Kill();

            await ThreeSiloCluster.Completed(client, run, b, gpu);
            Assert.Contains("reviving the running campaigns", b.Output + gpu.Output, StringComparison.Ordinal);
        }
        CampaignOutcome.AssertSame(await fixture.Reference(), await Outcome(run));
    }

    [Fact]
    public async Task KillingARolloutSiloMidSamplingRemakesItsBatchOnTheSurvivors()
    {
        const string run = "rollout";
        var (a, b, gpu) = await ThreeSiloCluster.Start(fixture, run, cpuBKillPoint: "mid-sampling:4");
        using (a)
        using (b)
        using (gpu)
        using (var client = new RlvrClient([a.BaseAddress], maxRetries: 10))
        {
            await client.CreateCampaignAsync(new CreateCampaignRequest(run, ClusterFixture.Yaml));
            await KillPointReached(b, client, run, a, b, gpu);
            b.Kill();

            await ThreeSiloCluster.Completed(client, run, a, gpu);
        }
        CampaignOutcome.AssertSame(await fixture.Reference(), await Outcome(run));
    }

    /// <summary>
    /// With Orleans' message limit below the size of the published weights (they would be refused as a message), the
    /// weights go through the checkpoint store; a rollout silo killed between reading a version's address and its
    /// chunks is replaced by the survivors, and every silo's import matched the learner's weights hash.
    /// </summary>
    [Fact]
    public async Task WeightsLargerThanTheMessageLimitGoThroughStorageAndARolloutSiloKilledMidFetchIsReplaced()
    {
        const string run = "fetch";
        const int limit = 32 * 1024;
        var (a, b, gpu) = await ThreeSiloCluster.Start(fixture, run, cpuBKillPoint: "mid-fetch:4", maxMessageBodySize: limit);
        using (a)
        using (b)
        using (gpu)
        using (var client = new RlvrClient([a.BaseAddress], maxRetries: 10))
        {
            await client.CreateCampaignAsync(new CreateCampaignRequest(run, ClusterFixture.Yaml));
            await KillPointReached(b, client, run, a, b, gpu);
            b.Kill();

            await ThreeSiloCluster.Completed(client, run, a, gpu);
            Assert.DoesNotContain("does not have the learner's weights hash", a.Output + gpu.Output, StringComparison.Ordinal);
        }
        Assert.InRange(await PublishedWeightsLength(run), limit + 1, long.MaxValue);
        CampaignOutcome.AssertSame(await fixture.Reference(), await Outcome(run));
    }

    /// <summary>The length of a version published whole, as its manifest in the run's checkpoint container says.</summary>
    private async Task<long> PublishedWeightsLength(string run)
    {
        var container = new BlobContainerClient(fixture.AzureConnectionString, ClusterServices.Container(run));
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"_weights.{run}.", CancellationToken.None))
        {
            if (blob.Name.EndsWith("/manifest.json", StringComparison.Ordinal))
            {
                var manifest = JsonDocument.Parse((await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToMemory());
                if (manifest.RootElement.GetProperty("metadata").GetProperty("kind").GetString() == "full")
                {
                    return manifest.RootElement.GetProperty("length").GetInt64();
                }
            }
        }
        throw new InvalidOperationException($"no whole version of '{run}' is published in its container.");
    }

    /// <summary>Waits for <paramref name="silo"/> to stop at its kill point; fails with every silo's output if the campaign ends first.</summary>
    private static async Task KillPointReached(SiloProcess silo, RlvrClient client, string run, params SiloProcess[] cluster)
    {
        var reached = silo.WaitForKillPoint();
        var ended = Poll.Campaign(client, run, c => c.Status is "Completed" or "Failed" or "Stopped");
        if (await Task.WhenAny(reached, ended) == ended)
        {
            var campaign = await ended;
            Assert.Fail($"the campaign ended ({campaign.Status} at step {campaign.Step}: {campaign.Error}) before the kill point:\n" +
                string.Join("\n----\n", cluster.Select(s => s.Output)));
        }
        await reached;
    }

    private Task<CampaignOutcome> Outcome(string run) =>
        CampaignOutcome.ReadAzureAsync(fixture.AzureConnectionString, ClusterServices.Container(run), run);

    private static Regex LearnerOn(string campaign, string silo) => new($"Learner {campaign} activated on silo {silo}");

    private static Regex WorkerOn(string campaign, string silo) => new($@"Rollout worker {campaign}\|\S+ activated on silo {silo}");
}
