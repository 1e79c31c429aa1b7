using System.Globalization;
using Rlvr.Api.Contracts;
using Rlvr.Integration.Tests.Api;
using Rlvr.TestKit;

namespace Rlvr.Integration.Tests.Cluster;

/// <summary>
/// Two silos of one machine with no external service (what infra/gpu/rehearse.sh runs on a lent GPU machine):
/// Orleans' development membership on the first silo, one SQLite data directory for both. The learner goes to the
/// GPU-role silo and the campaign completes.
/// </summary>
public sealed class DevelopmentMembershipTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("rlvr-development-").FullName;

    [Fact]
    public async Task TwoSilosSharingOneSqliteDirectoryRunACampaignWithTheLearnerOnTheGpuSilo()
    {
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        using var primary = await SiloProcess.Start(_data, environment: Settings("cpu-1", "Cpu", ("RLVR_Silo__Port", port)));
        using var gpu = await SiloProcess.Start(_data, environment: Settings("gpu-1", "Gpu", ("RLVR_Silo__PrimarySilo", $"127.0.0.1:{port}")));
        using var client = primary.CreateClient(maxRetries: 4);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while ((await client.GetStatusAsync()).Cluster.Count(s => s.Status == "Active") < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the second silo did not join");
            await Task.Delay(100);
        }

        await client.CreateCampaignAsync(new CreateCampaignRequest("dev", ResumeCampaign.Yaml));
        var final = await Poll.Campaign(client, "dev", c => c.Status is "Completed" or "Failed");

        Assert.True(final.Status == "Completed", $"{final.Status}: {final.Error}\n{primary.Output}\n{gpu.Output}");
        Assert.Contains("Learner dev activated on silo gpu-1", gpu.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private static Dictionary<string, string> Settings(string name, string role, (string Key, string Value) extra) => new()
    {
        ["RLVR_Silo__Membership"] = "Development",
        ["RLVR_Silo__ClusterId"] = "development",
        ["RLVR_Silo__ServiceId"] = "development",
        ["RLVR_Silo__SiloName"] = name,
        ["RLVR_Silo__Role"] = role,
        [extra.Key] = extra.Value,
    };
}
