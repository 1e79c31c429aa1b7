namespace Rlvr.Integration.Tests;

/// <summary>
/// Exact resume on Azure Storage, with real processes: killed with kill -9 at a kill point and restarted, the campaign
/// ends with the weights, curriculum and replay blobs, metrics and evaluations of the uninterrupted run on Azure.
/// </summary>
public sealed class AzureCrashResumeTests(AzureCrashResumeFixture fixture) : IClassFixture<AzureCrashResumeFixture>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    /// <summary>A kill in each place where storage is written: creation, checkpoint blobs, the commit, an update, a step's end.</summary>
    public static TheoryData<string> KillPoints() =>
    [
        "create:0",
        "mid-checkpoint-write:1",
        "checkpoint-committed:2",
        "mid-update:3",
        "step-end:5",
        "mid-checkpoint-write:6",
    ];

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task KilledAndRestartedOnAzureTheCampaignEndsExactlyAsIfNeverKilled(string killPoint)
    {
        var run = killPoint.Replace(':', '-');
        var data = fixture.NewDataDirectory(run);
        using (var crashed = RlvrProcess.Start(fixture.CampaignFile, data, killPoint, fixture.Environment(run)))
        {
            await crashed.KillAtKillPoint(RunTimeout);
        }

        using (var resumed = RlvrProcess.Start(fixture.CampaignFile, data, environment: fixture.Environment(run)))
        {
            var exit = await resumed.WaitForExit(RunTimeout);
            Assert.True(exit == 0, $"the restarted run failed ({exit}):\n{resumed.Output}");
        }

        CampaignOutcome.AssertSame(
            fixture.Reference, await CampaignOutcome.ReadAzureAsync(fixture.ConnectionString, AzureCrashResumeFixture.Container(run), run));
    }
}
