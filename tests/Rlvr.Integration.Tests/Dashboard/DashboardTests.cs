using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using Rlvr.Api.Contracts;
using Rlvr.Integration.Tests.Api;
using Rlvr.Integration.Tests.Trainer;

namespace Rlvr.Integration.Tests.Dashboard;

/// <summary>
/// The campaign dashboard in Debian's chromium against a real silo: the pages load without console errors, the charts
/// plot the API's numbers, a new step shows up without a reload, the pause button pauses, and the page asks for the
/// token the silo requires.
/// </summary>
public sealed partial class DashboardTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private const string Done = DashboardFixture.Done;

    [Fact]
    public async Task TheListShowsEachCampaignAsTheApiDoes()
    {
        await using var dashboard = await fixture.OpenAsync();
        var row = dashboard.Page.Locator($"#campaigns tr[data-campaign='{Done}']");
        await row.WaitForAsync();
        var campaign = await fixture.Client.GetCampaignAsync(Done);

        Assert.Equal("Completed", await row.Locator("[data-status]").TextContentAsync());
        Assert.Equal($"{campaign.Step} / {campaign.Steps}", await Field(row, "step"));
        Assert.Equal(campaign.Latest!.Metric("reward"), double.Parse(await Field(row, "reward"), CultureInfo.InvariantCulture), tolerance: 0.00051);
        // As the page rounds them: 3 decimals, and percentages to a tenth.
        Assert.Equal(100 * campaign.Evaluations.Max(e => e.SampledMean), Percent(await Field(row, "best-sampled")), tolerance: 0.051);
        Assert.Equal(100 * campaign.Evaluations.Max(e => e.GreedyMean), Percent(await Field(row, "best-greedy")), tolerance: 0.051);
        await dashboard.Screenshot("campaigns");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task TheCampaignPagePlotsTheApisNumbers()
    {
        await using var dashboard = await fixture.OpenAsync($"#/campaigns/{Done}");
        await dashboard.Page.Locator("#checkpoints").WaitForAsync();
        var client = fixture.Client;
        var campaign = await client.GetCampaignAsync(Done);
        var metrics = await client.GetMetricsAsync(Done);
        var curriculum = await client.GetCurriculumAsync(Done, 10000);
        var names = curriculum.Distributions.Select(d => d.Name).Order(StringComparer.Ordinal).ToList();
        var steps = metrics.Select(m => (double?)m.Step).ToArray();

        var accuracy = await dashboard.ChartData("accuracy");
        Assert.Equal(campaign.Evaluations.Select(e => (double?)e.Step), accuracy[0]);
        for (var i = 0; i < names.Count; i++)
        {
            Assert.Equal(campaign.Evaluations.Select(e => (double?)e.Greedy[names[i]]), accuracy[1 + (2 * i)]);
            Assert.Equal(campaign.Evaluations.Select(e => (double?)e.Sampled[names[i]]), accuracy[2 + (2 * i)]);
        }

        // The latest step's named scalars, every one the API gives, in a row of its own.
        var scalars = dashboard.Page.Locator("#scalars tr[data-metric]");
        Assert.Equal(metrics[^1].Metrics.Keys, await scalars.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.metric)"));

        var reward = await dashboard.ChartData("reward");
        Assert.Equal(steps, reward[0]);
        Assert.Equal(metrics.Select(m => (double?)m.Metric("reward")), reward[1]);
        Assert.Equal(metrics.Select(m => m.PassRates.TryGetValue(names[0], out var p) ? p : (double?)null), reward[2]);
        Assert.Equal(metrics.Select(m => (double?)m.Metric("kl")), (await dashboard.ChartData("kl"))[1]);
        Assert.Equal(metrics.Select(m => (double?)m.Metric("entropy")), (await dashboard.ChartData("entropy"))[1]);
        Assert.Equal(metrics.Select(m => (double?)m.Metric("grad_norm")), (await dashboard.ChartData("gradNorm"))[1]);
        Assert.Equal(metrics.Select(m => (double?)m.Metric("clip_fraction")), (await dashboard.ChartData("clip"))[1]);

        // DOTS: every prompt with a prediction and an observation, by predicted difficulty, in its distribution's series.
        var scored = curriculum.Prompts.Where(p => p.PredictedDifficulty is not null && p.ObservedDifficulty is not null)
            .OrderBy(p => p.PredictedDifficulty).ToList();
        Assert.NotEmpty(scored);
        var dots = await dashboard.ChartData("dots");
        Assert.Equal(scored.Select(p => p.PredictedDifficulty), dots[0]);
        for (var i = 0; i < names.Count; i++)
        {
            Assert.Equal(scored.Select(p => p.Distribution == names[i] ? p.ObservedDifficulty : null), dots[1 + i]);
        }
        var correlated = metrics.Where(m => m.Metrics["prediction_correlation"] is not null).ToList();
        Assert.NotEmpty(correlated);
        Assert.Equal(correlated.Select(m => m.Metrics["prediction_correlation"]), (await dashboard.ChartData("correlation"))[1]);
        // DOTS has no sampling probabilities or UCB scores per distribution: no panels for them.
        foreach (var chart in new[] { "probability", "ucb" })
        {
            Assert.True(await dashboard.Page.Locator($"[data-chart='{chart}']").IsHiddenAsync(), chart);
        }

        var groups = await dashboard.ChartData("groups");
        Assert.Equal(metrics.Select(m => (double?)m.Metric("groups_generated")), groups[1]);
        Assert.Equal(metrics.Select(m => (double?)m.Metric("groups_rejected")), groups[2]);
        Assert.Equal(metrics.Select(m => (double?)m.Metrics["replay_stored"]), (await dashboard.ChartData("replay"))[1]);
        Assert.Equal(metrics.Select(m => (double?)m.PhasesMs["update"]), (await dashboard.ChartData("phases"))[4]);

        // The hardest prompts and the checkpoints, as the API lists them.
        var hardest = await dashboard.Page.Locator("#hardest tbody tr td:first-child").AllTextContentsAsync();
        Assert.Equal(curriculum.Prompts.Take(20).Select(p => p.PromptId), hardest);
        var checkpoints = await client.GetCheckpointsAsync(Done);
        var listed = await dashboard.Page.Locator("#checkpoints tbody tr").EvaluateAllAsync<long[]>("rows => rows.map(r => +r.dataset.step)");
        Assert.Equal(checkpoints.Select(c => c.Step).OrderDescending(), listed);
        // Times in ISO 8601, UTC, to the second.
        Assert.Equal(checkpoints.OrderByDescending(c => c.Step).Select(c => Iso(c.CreatedUtc)),
            await dashboard.Page.Locator("#checkpoints [data-field='committed']").AllTextContentsAsync());

        await dashboard.Screenshot("campaign");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task ANewStepShowsUpWithoutAReloadAndThePauseButtonPauses()
    {
        const string live = "live";
        var client = fixture.Client;
        await client.CreateCampaignAsync(new CreateCampaignRequest(live, ApiCampaigns.With("steps: 6", "steps: 100000")));
        await Poll.Campaign(client, live, c => c.Step >= 1);
        try
        {
            await using var dashboard = await fixture.OpenAsync($"#/campaigns/{live}");
            var page = dashboard.Page;
            await page.Locator("[data-chart='reward'] canvas").WaitForAsync();
            await page.EvaluateAsync("window.loadedOnce = true");
            var shown = (await dashboard.ChartData("reward"))[0].Length;

            // The event stream brings steps in: more points on the same page (a reload would lose the marker).
            await page.WaitForFunctionAsync($"window.rlvr.charts.reward.data[0].length > {shown} + 2");
            Assert.True(await page.EvaluateAsync<bool>("window.loadedOnce === true"));

            await page.Locator("button[data-action='pause']").ClickAsync();
            var paused = await Poll.Campaign(client, live, c => c.Status == "Paused");
            await page.Locator(".summary [data-status='Paused']").WaitForAsync();
            // Paused after the step it was in: no step follows, and the page's last point is that step.
            await Task.Delay(1000);
            Assert.Equal(paused.Step, (await client.GetCampaignAsync(live)).Step);
            await page.WaitForFunctionAsync($"window.rlvr.charts.reward.data[0].at(-1) === {paused.Step}");
            Assert.True(await page.Locator("button[data-action='resume']").IsEnabledAsync());
            await AssertCurriculumPlotted(dashboard, await client.GetMetricsAsync(live));
            await dashboard.Screenshot("campaign-paused");
            Assert.Empty(dashboard.Errors);
        }
        finally
        {
            await client.StopAsync(live);
        }
    }

    [Fact]
    public async Task AnExternallyTrainedCampaignsPageShowsWhatItsTrainerReported()
    {
        const string external = "external";
        var client = fixture.Client;
        await client.CreateCampaignAsync(new CreateCampaignRequest(external, ExternalTrainerFixture.Campaign()));
        using var http = fixture.Silo.CreateHttpClient(DashboardFixture.Token);
        var trainer = new ExternalTrainerDriver(http, external);
        await trainer.RunToTheEnd(TimeSpan.FromMinutes(2));

        await using var dashboard = await fixture.OpenAsync($"#/campaigns/{external}");
        await dashboard.Page.Locator("#checkpoints").WaitForAsync();
        var metrics = await client.GetMetricsAsync(external);
        Assert.Equal(trainer.Updates.Keys.Order(), metrics.Select(m => m.Step));

        // The update's statistics are the trainer's, and the reward is that of the batch it was given to train on.
        var updates = metrics.Select(m => trainer.Updates[m.Step]).ToList();
        Assert.Equal(updates.Select(u => (double?)u.Kl), (await dashboard.ChartData("kl"))[1]);
        Assert.Equal(updates.Select(u => (double?)u.Entropy), (await dashboard.ChartData("entropy"))[1]);
        Assert.Equal(updates.Select(u => (double?)u.GradNorm), (await dashboard.ChartData("gradNorm"))[1]);
        Assert.Equal(updates.Select(u => (double?)u.ClipFraction), (await dashboard.ChartData("clip"))[1]);
        var batchRewards = metrics.Select(m => trainer.Batches[m.Step].Groups.SelectMany(g => g.Completions).Average(c => c.Reward));
        Assert.Equal(batchRewards, (await dashboard.ChartData("reward"))[1].Select(r => r!.Value), new Tolerance(1e-12));
        await AssertCurriculumPlotted(dashboard, metrics);

        // Evaluations are scored from its completions ("no" and "idea": wrong), and checkpoints hold no weights.
        var accuracy = await dashboard.ChartData("accuracy");
        Assert.Equal((await client.GetCampaignAsync(external)).Evaluations.Select(e => (double?)e.Step), accuracy[0]);
        Assert.All(accuracy.Skip(1).SelectMany(series => series), a => Assert.Equal(0, a));
        var weights = await dashboard.Page.Locator("#checkpoints tbody tr td:nth-child(3)").AllTextContentsAsync();
        Assert.NotEmpty(weights);
        Assert.All(weights, w => Assert.Equal("external", w));

        await dashboard.Screenshot("campaign-external");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task ThePageAsksForTheTokenTheSiloRequiresAndDataNeedsIt()
    {
        // The dashboard's files hold no data and load without the token; the API and Orleans' dashboard do not.
        using (var http = fixture.Silo.CreateHttpClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("dashboard/")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("dashboard/uPlot.iife.min.js")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/v1/campaigns")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("dashboard/orleans/")).StatusCode);
        }

        await using var dashboard = await fixture.OpenAsync(withToken: false);
        var page = dashboard.Page;
        var form = page.Locator("#token-form");
        await form.WaitForAsync();
        await page.FillAsync("#token", "wrong-token");
        await page.ClickAsync("#token-form button");
        // Refused: the form asks again, and nothing is listed.
        await form.WaitForAsync();
        Assert.Equal(0, await page.Locator("#campaigns").CountAsync());

        await page.FillAsync("#token", DashboardFixture.Token);
        await page.ClickAsync("#token-form button");
        await page.Locator($"#campaigns tr[data-campaign='{Done}']").WaitForAsync();
        Assert.False(await form.IsVisibleAsync());
    }

    /// <summary>DUMP's sampling probabilities (stacked) and UCB scores, as the steps' metrics have them.</summary>
    private static async Task AssertCurriculumPlotted(DashboardPage dashboard, IReadOnlyList<StepInfo> metrics)
    {
        var names = metrics[0].Curriculum.Select(d => d.Name).Order(StringComparer.Ordinal).ToList();
        var probability = await dashboard.ChartData("probability");
        Assert.Equal(metrics.Select(m => (double?)m.Step), probability[0]);
        // Stacked: each band is the running sum of the distributions below it and its own.
        for (var i = 0; i < names.Count; i++)
        {
            var own = metrics.Select(m => m.Curriculum.Single(d => d.Name == names[i]).Probability ?? 0).ToList();
            var below = i == 0 ? own.Select(_ => 0.0) : probability[i].Select(v => v!.Value);
            Assert.Equal(own, probability[1 + i].Zip(below, (sum, b) => sum!.Value - b), new Tolerance(1e-12));
        }

        var ucb = await dashboard.ChartData("ucb");
        for (var i = 0; i < names.Count; i++)
        {
            Assert.Equal(metrics.Select(m => m.Curriculum.Single(d => d.Name == names[i]).UcbScore), ucb[1 + i]);
        }
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task<string> Field(ILocator row, string field) =>
        (await row.Locator($"[data-field='{field}']").TextContentAsync())!;

    private static double Percent(string text) => double.Parse(text.TrimEnd('%'), CultureInfo.InvariantCulture);

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }
}
