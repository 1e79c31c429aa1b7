using System.Text.RegularExpressions;
using Rlvr.Api.Contracts;
using Rlvr.Client;
using Rlvr.Integration.Tests.Api;
using SiloStatus = Rlvr.Api.Contracts.SiloStatus;

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
        var (a, b, gpu) = await Start(run, gpuKillPoint: "mid-update:5");
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
            await ClusterFormed(a, b, rejoined);
            await client.ResumeAsync(run);
            await rejoined.WaitForLine(WorkerOn(run, "gpu-2"), LineTimeout);

            await Completed(client, run, a, b);
        }
        CampaignOutcome.AssertSame(await fixture.Reference(), await Outcome(run));
    }

    /// <summary>On Azure Table membership, where the other tests use Redis.</summary>
    [Fact]
    public async Task KillingTheCampaignsSiloLetsTheSurvivorsReviveItAndTheClientMovesToAnotherSilo()
    {
        const string run = "campaign";
        var (a, b, gpu) = await Start(run, cpuAKillPoint: "step-end:5", membership: "Azure");
        using (a)
        using (b)
        using (gpu)
        using (var client = new RlvrClient([a.BaseAddress, b.BaseAddress], maxRetries: 10))
        {
            // Created through silo a, the campaign grain lives there (and reaches the kill point there).
            await client.CreateCampaignAsync(new CreateCampaignRequest(run, ClusterFixture.Yaml));
            await KillPointReached(a, client, run, a, b, gpu);
            a.Kill();

            await Completed(client, run, b, gpu);
            Assert.Contains("reviving the running campaigns", b.Output + gpu.Output, StringComparison.Ordinal);
        }
        CampaignOutcome.AssertSame(await fixture.Reference(), await Outcome(run));
    }

    [Fact]
    public async Task KillingARolloutSiloMidSamplingRemakesItsBatchOnTheSurvivors()
    {
        const string run = "rollout";
        var (a, b, gpu) = await Start(run, cpuBKillPoint: "mid-sampling:4");
        using (a)
        using (b)
        using (gpu)
        using (var client = new RlvrClient([a.BaseAddress], maxRetries: 10))
        {
            await client.CreateCampaignAsync(new CreateCampaignRequest(run, ClusterFixture.Yaml));
            await KillPointReached(b, client, run, a, b, gpu);
            b.Kill();

            await Completed(client, run, a, gpu);
        }
        CampaignOutcome.AssertSame(await fixture.Reference(), await Outcome(run));
    }

    /// <summary>
    /// Silos cpu-a, cpu-b and gpu of <paramref name="run"/>'s cluster, each with a data directory of its own (nothing
    /// of a campaign is in one but the shared warm-start cache), once each sees all three and the GPU one as such.
    /// </summary>
    private async Task<(SiloProcess A, SiloProcess B, SiloProcess Gpu)> Start(
        string run, string? cpuAKillPoint = null, string? cpuBKillPoint = null, string? gpuKillPoint = null,
        string membership = "Redis")
    {
        var silos = await Task.WhenAll(
            SiloProcess.Start(fixture.NewDataDirectory($"{run}-cpu-a"), environment: fixture.Silo(run, "cpu-a", "Cpu", cpuAKillPoint, membership)),
            SiloProcess.Start(fixture.NewDataDirectory($"{run}-cpu-b"), environment: fixture.Silo(run, "cpu-b", "Cpu", cpuBKillPoint, membership)),
            SiloProcess.Start(fixture.NewDataDirectory($"{run}-gpu"), environment: fixture.Silo(run, "gpu", "Gpu", gpuKillPoint, membership)));
        await ClusterFormed(silos);
        return (silos[0], silos[1], silos[2]);
    }

    /// <summary>Waits until each of <paramref name="silos"/> sees them all active, one of them a GPU silo.</summary>
    internal static async Task ClusterFormed(params SiloProcess[] silos)
    {
        foreach (var silo in silos)
        {
            using var client = silo.CreateClient();
            var deadline = DateTime.UtcNow + LineTimeout;
            SiloStatus status;
            while (!((status = await client.GetStatusAsync()).Cluster is { } cluster && cluster.Count == silos.Length
                && cluster.All(s => s.Status == "Active") && cluster.Count(s => s.Gpu) == 1))
            {
                Assert.True(DateTime.UtcNow < deadline, $"the cluster did not form: {string.Join(", ", status.Cluster)}");
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Waits for the campaign to end; it must have completed (else the survivors' output says why).</summary>
    private static async Task Completed(RlvrClient client, string run, params SiloProcess[] survivors)
    {
        var final = await Poll.Campaign(client, run, c => c.Status is "Completed" or "Failed" or "Stopped");
        Assert.True(final.Status == "Completed", $"{final.Status}: {final.Error}\n" + string.Join("\n----\n", survivors.Select(s => s.Output)));
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
        CampaignOutcome.ReadAzureAsync(fixture.AzureConnectionString, ClusterFixture.Container(run), run);

    private static Regex LearnerOn(string campaign, string silo) => new($"Learner {campaign} activated on silo {silo}");

    private static Regex WorkerOn(string campaign, string silo) => new($@"Rollout worker {campaign}\|\S+ activated on silo {silo}");
}
