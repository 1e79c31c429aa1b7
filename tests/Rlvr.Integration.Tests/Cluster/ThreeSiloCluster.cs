using Rlvr.Client;
using Rlvr.Integration.Tests.Api;
using SiloStatus = Rlvr.Api.Contracts.SiloStatus;

namespace Rlvr.Integration.Tests.Cluster;

/// <summary>The cluster tests' loopback cluster: two CPU silos (cpu-a, cpu-b) and a GPU-role one (gpu), each an `rlvr silo` process.</summary>
internal static class ThreeSiloCluster
{
    private static readonly TimeSpan FormTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Silos cpu-a, cpu-b and gpu of <paramref name="run"/>'s cluster, each with a data directory of its own (nothing
    /// of a campaign is in one but the shared warm-start cache), once each sees all three and the GPU one as such.
    /// </summary>
    public static async Task<(SiloProcess A, SiloProcess B, SiloProcess Gpu)> Start(
        ClusterServices services, string run, string? cpuAKillPoint = null, string? cpuBKillPoint = null, string? gpuKillPoint = null,
        string membership = "Redis", int? maxMessageBodySize = null)
    {
        var silos = await Task.WhenAll(
            SiloProcess.Start(services.NewDataDirectory($"{run}-cpu-a"), environment: services.Silo(run, "cpu-a", "Cpu", cpuAKillPoint, membership, maxMessageBodySize)),
            SiloProcess.Start(services.NewDataDirectory($"{run}-cpu-b"), environment: services.Silo(run, "cpu-b", "Cpu", cpuBKillPoint, membership, maxMessageBodySize)),
            SiloProcess.Start(services.NewDataDirectory($"{run}-gpu"), environment: services.Silo(run, "gpu", "Gpu", gpuKillPoint, membership, maxMessageBodySize)));
        await Formed(silos);
        return (silos[0], silos[1], silos[2]);
    }

    /// <summary>Waits until each of <paramref name="silos"/> sees them all active, one of them a GPU silo.</summary>
    public static async Task Formed(params SiloProcess[] silos)
    {
        foreach (var silo in silos)
        {
            using var client = silo.CreateClient();
            var deadline = DateTime.UtcNow + FormTimeout;
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
    public static async Task Completed(RlvrClient client, string run, params SiloProcess[] survivors)
    {
        var final = await Poll.Campaign(client, run, c => c.Status is "Completed" or "Failed" or "Stopped");
        Assert.True(final.Status == "Completed", $"{final.Status}: {final.Error}\n" + string.Join("\n----\n", survivors.Select(s => s.Output)));
    }
}
