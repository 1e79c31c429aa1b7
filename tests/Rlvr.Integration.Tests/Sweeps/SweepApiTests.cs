using System.Net;
using Rlvr.Api.Contracts;
using Rlvr.Client;
using Rlvr.Integration.Tests.Api;

namespace Rlvr.Integration.Tests.Sweeps;

/// <summary>
/// A sweep on a real silo: created from files by the CLI, run at most its concurrency at a time to the end, its table
/// equal to one worked out from its campaigns; created again, it is the same sweep; stopped, it stops its campaigns and
/// creates no more; and after kill -9 mid-sweep a
/// restarted silo finishes it, every campaign once, with the uninterrupted sweep's results.
/// </summary>
[Collection(SharedSweepSilo.Name)]
public sealed class SweepApiTests(SweepSiloFixture fixture) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rlvr-sweep-resume-").FullName;

    [Fact]
    public async Task ASweepRunsItsCampaignsAtMostConcurrencyAtATimeAndItsTableMatchesThem()
    {
        var sweep = fixture.Done;

        Assert.Contains("sweep tiny: 4 campaigns, 2 at a time", fixture.CreateOutput, StringComparison.Ordinal);
        Assert.Equal("Completed", sweep.Status);
        Assert.Equal(TinySweep.CampaignIds(SweepSiloFixture.Id), sweep.Campaigns.Select(c => c.CampaignId));
        Assert.All(sweep.Campaigns, c => Assert.Equal(("Completed", (long)TinySweep.Steps), (c.Status, c.Step)));
        // The sweep created its campaigns and nothing else (other tests' sweeps have other prefixes).
        Assert.Equal(
            sweep.Campaigns.Select(c => c.CampaignId).Order(StringComparer.Ordinal),
            (await fixture.Client.ListCampaignsAsync()).Select(c => c.Id).Where(Tiny).Order(StringComparer.Ordinal));
        Assert.Equal(TinySweep.Concurrency, fixture.MostInProgress);
        Assert.Equal(sweep.Comparison.Arms.Select(a => a.FinalSampledMean),
            (await fixture.Client.ListSweepsAsync()).Single(s => s.Id == SweepSiloFixture.Id).Comparison.Arms.Select(a => a.FinalSampledMean));

        var expected = await RecomputedComparison.Of(fixture.Client, sweep, TinySweep.GroupSize);
        Assert.Equal(TinySweep.Arms, sweep.Comparison.Arms.Select(a => a.Arm));
        Assert.Empty(sweep.Comparison.Unfinished);
        Assert.Equal(expected.RolloutBudget, sweep.Comparison.RolloutBudget);
        Assert.Equal(expected.ReferenceAccuracy!.Value, sweep.Comparison.ReferenceAccuracy!.Value, 12);
        foreach (var (want, got) in expected.Arms.Zip(sweep.Comparison.Arms))
        {
            Assert.Equal((want.Arm, want.Seeds, want.Finished, want.ReachedSeeds), (got.Arm, got.Seeds, got.Finished, got.ReachedSeeds));
            Assert.Equal(Figures(want), Figures(got), (a, b) => Math.Abs(a - b) < 1e-9);
        }
        Assert.Equal(expected.Curves.Keys.Order(StringComparer.Ordinal), sweep.Comparison.Curves.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, curve) in expected.Curves)
        {
            Assert.Equal(curve.Select(p => p.Rollouts), sweep.Comparison.Curves[id].Select(p => p.Rollouts));
            Assert.Equal(curve.Select(p => p.Sampled), sweep.Comparison.Curves[id].Select(p => p.Sampled), (a, b) => Math.Abs(a - b) < 1e-9);
        }
    }

    [Fact]
    public async Task CreatingASweepAgainWithTheSameFileIsTheSameSweepAndAnotherSpecIsAConflict()
    {
        var file = Path.Combine(fixture.Root, SweepSiloFixture.Id + ".yaml");
        using var again = RlvrProcess.StartCli(["sweep", "create", file, "--server", fixture.Silo.BaseAddress.ToString()], new Dictionary<string, string>());
        Assert.Equal(0, await again.WaitForExit(Poll.DefaultTimeout));
        Assert.Equal(4, (await fixture.Client.ListCampaignsAsync()).Count(c => Tiny(c.Id)));

        var conflict = await Assert.ThrowsAsync<RlvrApiException>(() => fixture.Client.CreateSweepAsync(
            new CreateSweepRequest(SweepSiloFixture.Id, TinySweep.Spec(SweepSiloFixture.Id).Replace("concurrency: 2", "concurrency: 1", StringComparison.Ordinal))));
        Assert.Equal((int)HttpStatusCode.Conflict, conflict.Status);
    }

    [Fact]
    public async Task StoppingASweepStopsItsCampaignsAndCreatesNoMore()
    {
        const string id = "halted";
        await fixture.Client.CreateSweepAsync(new CreateSweepRequest(id, TinySweep.Spec(id)));

        var stopped = await fixture.Client.StopSweepAsync(id);

        Assert.Equal("Stopped", stopped.Status);
        // A creation in flight at the stop ends stopped too, once it is done.
        var deadline = DateTime.UtcNow + Poll.DefaultTimeout;
        while (stopped.Campaigns.Any(c => c.Status is not ("Pending" or "Stopped")))
        {
            Assert.True(DateTime.UtcNow < deadline, string.Join(", ", stopped.Campaigns.Select(c => $"{c.CampaignId} {c.Status}")));
            await Task.Delay(200);
            stopped = await fixture.Client.GetSweepAsync(id);
        }
        Assert.Contains(stopped.Campaigns, c => c.Status == "Pending");
        await Task.Delay(TimeSpan.FromSeconds(2)); // the sweep's timer ticks every second: it must create nothing more
        Assert.Equal(
            stopped.Campaigns.Where(c => c.Status == "Stopped").Select(c => c.CampaignId).Order(StringComparer.Ordinal),
            (await fixture.Client.ListCampaignsAsync()).Where(c => c.Id.StartsWith(id + ".", StringComparison.Ordinal))
                .Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.Equal("Stopped", (await fixture.Client.GetSweepAsync(id)).Status);
    }

    [Fact]
    public async Task SweepShowPrintsTheArmsAndTheCampaigns()
    {
        using var show = RlvrProcess.StartCli(["sweep", "show", SweepSiloFixture.Id, "--server", fixture.Silo.BaseAddress.ToString()], new Dictionary<string, string>());

        Assert.Equal(0, await show.WaitForExit(Poll.DefaultTimeout));
        Assert.Contains("sweep tiny: Completed, 4/4 campaigns completed, 2 at a time", show.Output, StringComparison.Ordinal);
        var arms = fixture.Done.Comparison.Arms;
        Assert.All(arms, arm => Assert.Matches($@"│ {arm.Arm} +│ 2/2 +│ {arm.FinalSampledMean:F3} ±", show.Output));
        Assert.All(fixture.Done.Campaigns, c => Assert.Contains(c.CampaignId, show.Output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AfterKill9MidSweepARestartedSiloFinishesItEveryCampaignOnceWithTheUninterruptedResults()
    {
        const string id = "resumed";
        var data = Path.Combine(_root, "data");
        int port;
        using (var first = await SiloProcess.Start(data, environment: new Dictionary<string, string> { ["RLVR_KILL_POINT"] = "mid-update:3" }))
        {
            port = first.Port;
            using var client = first.CreateClient();
            await client.CreateSweepAsync(new CreateSweepRequest(id, TinySweep.Spec(id)));
            // The first campaign to reach step 3 stops inside its update, and the process dies there.
            await first.WaitForKillPoint();
            first.Kill();
        }

        using var second = await SiloProcess.Start(data, $"http://127.0.0.1:{port}");
        using var api = second.CreateClient(maxRetries: 2);
        var deadline = DateTime.UtcNow + Poll.DefaultTimeout;
        var sweep = await api.GetSweepAsync(id);
        while (sweep.Status == "Running")
        {
            Assert.True(DateTime.UtcNow < deadline, $"the sweep did not end in time:\n{second.Output}");
            await Task.Delay(200);
            sweep = await api.GetSweepAsync(id);
        }

        Assert.Equal("Completed", sweep.Status);
        Assert.Equal(TinySweep.CampaignIds(id), sweep.Campaigns.Select(c => c.CampaignId));
        Assert.Equal(sweep.Campaigns.Select(c => c.CampaignId).Order(StringComparer.Ordinal),
            (await api.ListCampaignsAsync()).Select(c => c.Id).Order(StringComparer.Ordinal));
        foreach (var (resumed, uninterrupted) in sweep.Campaigns.Zip(fixture.Done.Campaigns))
        {
            var campaign = await api.GetCampaignAsync(resumed.CampaignId);
            Assert.True(campaign.Status == "Completed", $"{campaign.Id}: {campaign.Status} {campaign.Error}\n{second.Output}");
            var steps = await api.GetMetricsAsync(resumed.CampaignId);
            Assert.Equal(Enumerable.Range(1, TinySweep.Steps).Select(s => (long)s), steps.Select(m => m.Step));
            // The same configuration (campaign ids do not seed anything): the same bits as the uninterrupted sweep's.
            var reference = await fixture.Client.GetCampaignAsync(uninterrupted.CampaignId);
            Assert.Equal(reference.ConfigHash, campaign.ConfigHash);
            Assert.Equal(ApiJsonText.Of(reference.Evaluations), ApiJsonText.Of(campaign.Evaluations));
            Assert.Equal((await fixture.Client.GetMetricsAsync(uninterrupted.CampaignId)).Select(m => (m.Metric("reward"), m.Metric("loss"))), steps.Select(m => (m.Metric("reward"), m.Metric("loss"))));
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static bool Tiny(string campaignId) => campaignId.StartsWith(SweepSiloFixture.Id + ".", StringComparison.Ordinal);

    private static double[] Figures(SweepArmInfo a) =>
        [a.FinalSampledMean!.Value, a.FinalSampledStd!.Value, a.FinalGreedyMean!.Value, a.FinalGreedyStd!.Value,
            a.RolloutsToReference ?? -1, a.AccuracyAtBudgetMean!.Value, a.AccuracyAtBudgetStd!.Value, a.WallSecondsMean!.Value];
}
