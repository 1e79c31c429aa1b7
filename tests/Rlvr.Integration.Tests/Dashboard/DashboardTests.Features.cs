using System.Globalization;
using System.Text.Json;
using Rlvr.Api.Contracts;

namespace Rlvr.Integration.Tests.Dashboard;

// The page's controls and panels (issue 34): legends, axes, smoothing, hidden panels, the list's sort, filter and
// comparison, the configuration, the hardest prompts' text and the memorisation warning.
public sealed partial class DashboardTests
{
    private const string Memorising = DashboardFixture.Memorising;

    [Fact]
    public async Task LegendsShowTheLatestValueOrTheHoveredOne()
    {
        await using var dashboard = await fixture.OpenAsync($"#/campaigns/{Done}");
        var page = dashboard.Page;
        await page.Locator("[data-chart='reward'] canvas").WaitForAsync();
        var metrics = await fixture.Client.GetMetricsAsync(Done);
        var reward = page.Locator("[data-chart='reward'] .legend .entry[data-entry='0'] .value");

        Assert.Equal(metrics[^1].Metric("reward"), Value(await reward.GetAttributeAsync("data-value")), 12);
        Assert.Equal(metrics[^1].Step, Value(await reward.GetAttributeAsync("data-x")));

        // Hovering the first step shows its value instead.
        var point = await page.EvaluateAsync<double[]>("""
            (() => { const u = window.rlvr.charts.reward.plot; const r = u.over.getBoundingClientRect();
              return [r.left + u.valToPos(u.data[0][0], 'x'), r.top + r.height / 2]; })()
            """);
        await page.Mouse.MoveAsync((float)point[0], (float)point[1]);
        await page.WaitForFunctionAsync($"document.querySelector(\"[data-chart='reward'] .legend .entry[data-entry='0'] .value\").dataset.x === '{metrics[0].Step}'");
        Assert.Equal(metrics[0].Metric("reward"), Value(await reward.GetAttributeAsync("data-value")), 12);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task StepAxesTickOnWholeStepsAndAFlatZeroSeriesKeepsAScale()
    {
        await using var dashboard = await fixture.OpenAsync($"#/campaigns/{Done}");
        var page = dashboard.Page;
        await page.Locator("[data-chart='accuracy'] canvas").WaitForAsync();

        // Six steps across the row's width: left to itself the axis would label half and quarter steps.
        var ticks = await page.EvaluateAsync<double[]>("window.rlvr.charts.accuracy.xTicks");
        Assert.NotEmpty(ticks);
        Assert.All(ticks, t => Assert.Equal(Math.Round(t), t));

        var range = await page.EvaluateAsync<double[]>("""
            (async () => { const { Chart } = await import('./charts.js');
              const chart = new Chart(document.getElementById('view'), 'zeros', { title: 'zeros', series: [{ label: 'z' }] });
              chart.update([[1, 2, 3], [0, 0, 0]]);
              await new Promise((resolve) => requestAnimationFrame(resolve));
              return [chart.plot.scales.y.min, chart.plot.scales.y.max]; })()
            """);
        Assert.Equal([0.0, 1.0], range);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task SmoothingChangesTheTrainingCurvesAndWallTimeTheXAxis()
    {
        await using var dashboard = await fixture.OpenAsync($"#/campaigns/{Done}");
        var page = dashboard.Page;
        await page.Locator("[data-chart='reward'] canvas").WaitForAsync();
        var metrics = await fixture.Client.GetMetricsAsync(Done);
        var campaign = await fixture.Client.GetCampaignAsync(Done);
        var rewards = metrics.Select(m => m.Metric("reward")).ToList();
        Assert.Equal(rewards.Select(r => (double?)r), (await dashboard.ChartData("reward"))[1]);

        await page.EvaluateAsync("(() => { const s = document.getElementById('smoothing'); s.value = '0.9'; s.dispatchEvent(new Event('input')); })()");
        // An exponential moving average: each point 0.9 of the one before and 0.1 of its own value, the first as it is.
        var smoothed = new List<double>();
        foreach (var r in rewards)
        {
            smoothed.Add(smoothed.Count == 0 ? r : (0.9 * smoothed[^1]) + (0.1 * r));
        }
        Assert.Equal(smoothed, (await dashboard.ChartData("reward"))[1].Select(v => v!.Value), new Tolerance(1e-12));
        Assert.NotEqual(rewards, smoothed);
        // Held-out accuracy is not smoothed.
        Assert.Equal(campaign.Evaluations.Select(e => (double?)e.Sampled["addition/1"]), (await dashboard.ChartData("accuracy"))[2]);

        await page.SelectOptionAsync("#x-axis", "time");
        Assert.Equal(metrics.Select(m => (double?)(m.ElapsedMs / 1000)), (await dashboard.ChartData("reward"))[0]);
        Assert.Equal(metrics.Select(m => (double?)(m.ElapsedMs / 1000)), (await dashboard.ChartData("kl"))[0]);
        // An evaluation sits at its step's time; the one after the warm start at 0.
        Assert.Equal(campaign.Evaluations.Select(e => (double?)(e.Step == 0 ? 0 : metrics.Single(m => m.Step == e.Step).ElapsedMs / 1000)),
            (await dashboard.ChartData("accuracy"))[0]);
        await page.SelectOptionAsync("#x-axis", "step");
        Assert.Equal(metrics.Select(m => (double?)m.Step), (await dashboard.ChartData("reward"))[0]);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task PanelsThatDoNotApplyToTheStrategyAreHidden()
    {
        await using (var dots = await fixture.OpenAsync($"#/campaigns/{Done}"))
        {
            await dots.Page.Locator("[data-chart='dots'] canvas").WaitForAsync();
            Assert.True(await dots.Page.Locator("[data-chart='probability']").IsHiddenAsync());
            Assert.True(await dots.Page.Locator("[data-chart='ucb']").IsHiddenAsync());
            Assert.True(await dots.Page.Locator("[data-section='dots']").IsVisibleAsync());
            Assert.Equal("strategy dots", await dots.Page.Locator("[data-field='strategy']").TextContentAsync());
        }

        await using var dump = await fixture.OpenAsync($"#/campaigns/{Memorising}");
        await dump.Page.Locator("[data-chart='probability'] canvas").WaitForAsync();
        Assert.True(await dump.Page.Locator("[data-chart='ucb']").IsVisibleAsync());
        // DUMP predicts no difficulties: neither the scatter, the correlation nor their heading.
        Assert.True(await dump.Page.Locator("[data-section='dots']").IsHiddenAsync());
        Assert.Equal(0, await dump.Page.Locator(".chart:visible .empty").CountAsync());
        Assert.Equal("strategy dump", await dump.Page.Locator("[data-field='strategy']").TextContentAsync());
        await dump.Screenshot("campaign-dump");
        Assert.Empty(dump.Errors);
    }

    [Fact]
    public async Task TheListShowsStrategyAndCreatedAndSortsAndFilters()
    {
        await using var dashboard = await fixture.OpenAsync();
        var page = dashboard.Page;
        await page.Locator($"#campaigns tr[data-campaign='{Memorising}']").WaitForAsync();
        foreach (var campaign in (await fixture.Client.ListCampaignsAsync()).Where(c => c.Id is Done or Memorising))
        {
            var row = page.Locator($"#campaigns tr[data-campaign='{campaign.Id}']");
            Assert.Equal(campaign.Strategy, await Field(row, "strategy"));
            Assert.Equal(Iso(campaign.CreatedUtc!.Value), await Field(row, "created"));
        }

        await page.Locator("th[data-sort='strategy']").ClickAsync();
        var strategies = await Column(page, "strategy");
        Assert.Equal(strategies.Order(StringComparer.Ordinal), strategies);
        await page.Locator("th[data-sort='strategy']").ClickAsync();
        strategies = await Column(page, "strategy");
        Assert.Equal(strategies.OrderDescending(StringComparer.Ordinal), strategies);
        Assert.True(strategies.Distinct().Count() > 1, string.Join(", ", strategies));

        await page.Locator("th[data-sort='created']").ClickAsync();
        var created = await Column(page, "created");
        Assert.Equal(created.Order(StringComparer.Ordinal), created);

        await page.FillAsync("#filter", "memoris");
        await page.WaitForFunctionAsync("document.querySelectorAll('#campaigns tbody tr').length === 1");
        Assert.Equal([Memorising], await page.Locator("#campaigns tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.campaign)"));
        // Survives the list's refresh every 2 s.
        await Task.Delay(2500);
        Assert.Equal(1, await page.Locator("#campaigns tbody tr").CountAsync());
        await page.FillAsync("#filter", "dots");
        await page.Locator($"#campaigns tr[data-campaign='{Done}']").WaitForAsync();
        Assert.Equal(0, await page.Locator($"#campaigns tr[data-campaign='{Memorising}']").CountAsync());
        await dashboard.Screenshot("campaigns-filtered");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task TwoCampaignsPickedInTheListOverlayTheirCurves()
    {
        await using var dashboard = await fixture.OpenAsync();
        var page = dashboard.Page;
        await page.Locator($"#campaigns tr[data-campaign='{Memorising}']").WaitForAsync();
        Assert.True(await page.Locator("#compare").IsDisabledAsync());
        await page.Locator($"input[data-pick='{Done}']").CheckAsync();
        await page.Locator($"input[data-pick='{Memorising}']").CheckAsync();
        await page.Locator("#compare").ClickAsync();
        await page.Locator("[data-chart='compare-accuracy'] canvas").WaitForAsync();

        var campaigns = new[] { await fixture.Client.GetCampaignAsync(Done), await fixture.Client.GetCampaignAsync(Memorising) };
        var data = await dashboard.ChartData("compare-accuracy");
        Assert.Equal(campaigns.SelectMany(c => c.Evaluations.Select(e => (double)e.Step)).Distinct().Order(), data[0].Select(x => x!.Value));
        for (var i = 0; i < campaigns.Length; i++)
        {
            var plotted = data[0].Zip(data[1 + i]).Where(p => p.Second is not null).ToList();
            Assert.Equal(campaigns[i].Evaluations.Select(e => (double)e.Step), plotted.Select(p => p.First!.Value));
            Assert.Equal(campaigns[i].Evaluations.Select(e => e.SampledMean), plotted.Select(p => p.Second!.Value));
        }
        var legend = await page.Locator("[data-chart='compare-accuracy'] .legend .entry").EvaluateAllAsync<string[]>("es => es.map(e => e.dataset.label)");
        Assert.Equal([Done, Memorising], legend);
        var rewards = await dashboard.ChartData("compare-reward");
        Assert.Equal((await fixture.Client.GetMetricsAsync(Memorising)).Select(m => (double?)m.Metric("reward")), rewards[2].Where(r => r is not null));
        await dashboard.Screenshot("compare");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task TheConfigurationIsCollapsedWithItsHashAndSources()
    {
        await using var dashboard = await fixture.OpenAsync($"#/campaigns/{Memorising}");
        var page = dashboard.Page;
        await page.Locator("#config").WaitForAsync();
        var config = await fixture.Client.GetConfigAsync(Memorising);

        Assert.Equal(config.ConfigHash, await page.Locator("[data-field='config-hash']").TextContentAsync());
        var yaml = page.Locator("#config [data-field='yaml']");
        Assert.True(await yaml.IsHiddenAsync());
        await page.Locator("#config summary").ClickAsync();
        Assert.True(await yaml.IsVisibleAsync());
        Assert.Equal(config.Yaml, await yaml.TextContentAsync());

        var rows = page.Locator("#sources tbody tr");
        Assert.Equal(config.Sources.SelectMany(s => s.Distributions).Select(d => d.Name),
            await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.distribution)"));
        Assert.Equal(["4"], await page.Locator("#sources [data-field='training']").AllTextContentsAsync());
        await dashboard.Screenshot("campaign-config");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task HardestPromptsShowTheirTextAndAnswer()
    {
        await using var dashboard = await fixture.OpenAsync($"#/campaigns/{Done}");
        var page = dashboard.Page;
        await page.Locator("#hardest").WaitForAsync();
        var prompts = (await fixture.Client.GetCurriculumAsync(Done, 20)).Prompts;

        Assert.Equal(prompts.Select(p => p.Text), await page.Locator("#hardest [data-field='text']").AllTextContentsAsync());
        Assert.Equal(prompts.Select(p => p.Answer), await page.Locator("#hardest [data-field='answer']").AllTextContentsAsync());
        Assert.All(prompts, p => Assert.EndsWith("=", p.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACampaignMemorisingItsPoolIsWarnedOfWithTheTwoNumbers()
    {
        var memorising = await fixture.Client.GetCampaignAsync(Memorising);
        var warning = Assert.Single(memorising.Warnings);
        Assert.Equal((CampaignWarningInfo.Memorisation, "addition/3"), (warning.Kind, warning.Distribution));
        var evaluation = memorising.Evaluations[^1];
        Assert.Equal(memorising.Latest!.PassRates["addition/3"], warning.TrainingPassRate);
        Assert.Equal(evaluation.Sampled["addition/3"], warning.HeldOutAccuracy);
        Assert.True(warning.TrainingPassRate - warning.HeldOutAccuracy >= 0.25, JsonSerializer.Serialize(warning));

        await using (var dashboard = await fixture.OpenAsync($"#/campaigns/{Memorising}"))
        {
            var shown = dashboard.Page.Locator(".warning[data-kind='memorisation']");
            await shown.WaitForAsync();
            Assert.Equal("addition/3", await shown.GetAttributeAsync("data-distribution"));
            var text = await shown.TextContentAsync();
            Assert.Contains(Percent(warning.TrainingPassRate), text, StringComparison.Ordinal);
            Assert.Contains(Percent(warning.HeldOutAccuracy), text, StringComparison.Ordinal);
            await dashboard.Screenshot("campaign-warning");
        }

        // A campaign whose pass rate does not run away from its held-out accuracy: no warning.
        var done = await fixture.Client.GetCampaignAsync(Done);
        Assert.Empty(done.Warnings);
        await using var quiet = await fixture.OpenAsync($"#/campaigns/{Done}");
        await quiet.Page.Locator("#checkpoints").WaitForAsync();
        Assert.Equal(0, await quiet.Page.Locator(".warning").CountAsync());
    }

    private static double Value(string? text) => double.Parse(text!, CultureInfo.InvariantCulture);

    private static string Percent(double value) =>
        (Math.Round(100 * value, 1, MidpointRounding.AwayFromZero)).ToString("F1", CultureInfo.InvariantCulture) + "%";

    private static Task<string[]> Column(Microsoft.Playwright.IPage page, string field) =>
        page.Locator($"#campaigns tbody [data-field='{field}']").EvaluateAllAsync<string[]>("cells => cells.map(c => c.textContent)");
}
