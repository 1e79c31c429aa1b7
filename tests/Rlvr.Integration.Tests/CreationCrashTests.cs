using Rlvr.Integration.Tests.Api;

namespace Rlvr.Integration.Tests;

/// <summary>
/// A campaign accepted while its warm start runs is durable: `rlvr silo` killed with kill -9 during the warm start of a
/// `rlvr campaign create` and started again finishes the creation itself, runs the campaign and ends exactly as an
/// uninterrupted `rlvr run` of it.
/// </summary>
public sealed class CreationCrashTests(CrashResumeFixture fixture) : IClassFixture<CrashResumeFixture>
{
    [Fact]
    public async Task ASiloKilledDuringTheWarmStartOfACreationFinishesItOnRestartAndRunsTheCampaignToItsEnd()
    {
        var data = fixture.NewDataDirectory("silo-creation");
        using (var silo = await SiloProcess.Start(data, environment: new Dictionary<string, string> { ["RLVR_KILL_POINT"] = "warm-start:0" }))
        {
            using var create = RlvrProcess.StartCli(
                ["campaign", "create", fixture.CampaignFile, "--id", fixture.CampaignId, "--server", silo.BaseAddress.ToString()],
                new Dictionary<string, string>());
            await silo.WaitForKillPoint();
            using var client = silo.CreateClient();
            Assert.Equal("Creating", (await client.GetCampaignAsync(fixture.CampaignId)).Status);
            silo.Kill();
        }

        using (var restarted = await SiloProcess.Start(data))
        using (var client = restarted.CreateClient())
        {
            var final = await Poll.Campaign(client, fixture.CampaignId, c => c.Status is "Completed" or "Failed" or "Stopped");
            Assert.True(final.Status == "Completed", $"{final.Status}: {final.Error}\n{restarted.Output}");
        }
        CampaignOutcome.AssertSame(fixture.Reference, CampaignOutcome.Read(data));
    }
}
