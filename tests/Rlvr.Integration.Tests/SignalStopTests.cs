using System.Text.RegularExpressions;
using Rlvr.Client;
using Rlvr.Integration.Tests.Api;

namespace Rlvr.Integration.Tests;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM on a real `rlvr run` and `rlvr silo`: the campaign checkpoints where it stands, the
/// process exits with one message and no stack trace (130, 143; a silo 0), and the next run ends exactly as a run never
/// interrupted does. During the warm start the creation is abandoned, and a second Ctrl+C exits at once.
/// </summary>
public sealed partial class SignalStopTests(SignalStopFixture fixture) : IClassFixture<SignalStopFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task CtrlCDuringTheWarmStartAbandonsTheCreationAndTheNextRunStartsItOver()
    {
        var data = fixture.NewDataDirectory("warm-start-sigint");
        // The kill point holds the creation at its end, before anything of it is stored: the signal lands mid-creation.
        using (var run = RlvrProcess.Start(fixture.CampaignFile, data, "create:0"))
        {
            await run.WaitForKillPoint(Timeout);
            run.Signal("INT");

            Assert.Equal(130, await run.WaitForExit(Timeout));
            Assert.Contains("(its warm start abandoned, nothing of it stored)", run.Output, StringComparison.Ordinal);
            AssertNoStackTrace(run.Output);
        }

        await fixture.RunToTheEnd(data);

        CampaignOutcome.AssertSame(fixture.Reference, CampaignOutcome.Read(data));
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task ASignalMidStepsPausesTheCampaignCheckpointedAndTheNextRunEndsExactlyAsIfNeverStopped(string signal, int exit)
    {
        var data = fixture.NewDataDirectory($"mid-steps-{signal}");
        using (var run = RlvrProcess.Start(fixture.CampaignFile, data))
        {
            await WaitForStep(run, 3);
            run.Signal(signal);

            Assert.Equal(exit, await run.WaitForExit(Timeout));
            var paused = PausedLine().Match(run.Output);
            Assert.True(paused.Success, run.Output);
            Assert.True(int.Parse(paused.Groups["step"].Value, System.Globalization.CultureInfo.InvariantCulture) < SignalStopFixture.Steps, run.Output);
            AssertNoStackTrace(run.Output);
        }

        var resumed = await fixture.RunToTheEnd(data);

        Assert.Contains("resuming the paused campaign", resumed, StringComparison.Ordinal);
        CampaignOutcome.AssertSame(fixture.Reference, CampaignOutcome.Read(data));
    }

    [Fact]
    public async Task ASecondCtrlCExitsAtOnce()
    {
        var data = fixture.NewDataDirectory("double-sigint");
        using (var run = RlvrProcess.Start(fixture.CampaignFile, data))
        {
            await WaitForStep(run, 2);
            run.Signal("INT");
            await run.WaitForLine(CheckpointingLine(), Timeout);
            run.Signal("INT");

            // At once: the signal's default action, no checkpoint and no silo shutdown to wait for.
            Assert.Equal(130, await run.WaitForExit(TimeSpan.FromSeconds(20)));
        }

        // Like a kill -9: the next run resumes from the last checkpoint and still ends exactly.
        await fixture.RunToTheEnd(data);

        CampaignOutcome.AssertSame(fixture.Reference, CampaignOutcome.Read(data));
    }

    [Fact]
    public async Task ASiloStopsOnSigtermCheckpointingItsRunningCampaignAndARestartedSiloEndsItExactly()
    {
        var data = fixture.NewDataDirectory("silo-sigterm");
        int port;
        using (var silo = await SiloProcess.Start(data))
        {
            port = silo.Port;
            using (var create = RlvrProcess.StartCli(
                ["campaign", "create", fixture.CampaignFile, "--id", fixture.CampaignId, "--server", silo.BaseAddress.ToString()],
                new Dictionary<string, string>()))
            {
                Assert.Equal(0, await create.WaitForExit(Timeout));
            }
            using var client = silo.CreateClient(maxRetries: 4);
            await Poll.Campaign(client, fixture.CampaignId, c => c.Step >= 3 || c.Status is not ("Creating" or "Created" or "Running"));
            silo.Signal("TERM");

            // Within the silo's bound (CampaignShutdownCheckpoint.Bound, then Orleans' stop).
            Assert.Equal(0, await silo.WaitForExit(TimeSpan.FromMinutes(2)));
            Assert.Matches(CheckpointedLine(), silo.Output);
            AssertNoStackTrace(silo.Output);
        }

        using (var silo = await SiloProcess.Start(data, $"http://127.0.0.1:{port}"))
        {
            using var client = silo.CreateClient(maxRetries: 4);
            var done = await Poll.Campaign(client, fixture.CampaignId, c => c.Status is not ("Creating" or "Created" or "Running"), Timeout);
            Assert.True(done.Status == "Completed", $"{done.Status}: {done.Error}\n{silo.Output}");
        }

        CampaignOutcome.AssertSame(fixture.Reference, CampaignOutcome.Read(data));
    }

    /// <summary>Waits until the campaign `rlvr run` runs has done <paramref name="step"/> steps, asking its API.</summary>
    private static async Task WaitForStep(RlvrProcess run, int step)
    {
        var api = await run.WaitForLine(ApiLine(), Timeout);
        using var client = new RlvrClient(new Uri(api.Groups["url"].Value), token: null, maxRetries: 4);
        await Poll.Campaign(client, api.Groups["id"].Value, c => c.Step >= step, Timeout);
    }

    private static void AssertNoStackTrace(string output)
    {
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"API on (?<url>http://\S+?): e\.g\. rlvr curriculum show (?<id>\S+)")]
    private static partial Regex ApiLine();

    [GeneratedRegex(@"paused at step (?<step>\d+) of \d+, checkpointed there")]
    private static partial Regex PausedLine();

    [GeneratedRegex("Ctrl\\+C: checkpointing and stopping")]
    private static partial Regex CheckpointingLine();

    [GeneratedRegex(@"Campaign \S+ checkpointed at step \d+")]
    private static partial Regex CheckpointedLine();
}
