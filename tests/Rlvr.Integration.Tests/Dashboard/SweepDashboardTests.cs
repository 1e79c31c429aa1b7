using System.Globalization;
using Rlvr.Integration.Tests.Sweeps;

namespace Rlvr.Integration.Tests.Dashboard;

/// <summary>The dashboard's sweep pages in chromium: the comparison table and the campaigns as the API has them.</summary>
[Collection(SharedSweepSilo.Name)]
public sealed class SweepDashboardTests(SweepSiloFixture fixture)
{
    [Fact]
    public async Task TheSweepsTablesMatchItsCampaignsAndTheComparison()
    {
        await using var browser = await DashboardBrowser.LaunchAsync();
        var sweep = await fixture.Client.GetSweepAsync(SweepSiloFixture.Id);

        await using (var list = await browser.OpenAsync(fixture.Silo.BaseAddress, "#/sweeps"))
        {
            var row = list.Page.Locator($"#sweeps tr[data-sweep='{sweep.Id}']");
            await row.WaitForAsync();
            Assert.Equal("Completed", await row.Locator("[data-status]").TextContentAsync());
            Assert.Empty(list.Errors);
        }

        await using var dashboard = await browser.OpenAsync(fixture.Silo.BaseAddress, $"#/sweeps/{sweep.Id}");
        var page = dashboard.Page;
        await page.Locator("#sweep-campaigns").WaitForAsync();

        // Each campaign as the campaigns API has it.
        foreach (var entry in sweep.Campaigns)
        {
            var campaign = await fixture.Client.GetCampaignAsync(entry.CampaignId);
            var row = page.Locator($"#sweep-campaigns tr[data-campaign='{entry.CampaignId}']");
            Assert.Equal(campaign.Status, await row.Locator("[data-status]").TextContentAsync());
            Assert.Equal(
                [entry.CampaignId, entry.Arm, entry.Seed.ToString(CultureInfo.InvariantCulture), campaign.Status, campaign.Silo, $"{campaign.Step} / {campaign.Steps}"],
                await row.Locator("td").AllTextContentsAsync());
        }

        // One comparison row per arm: the API's figures, rounded as the page rounds them.
        var arms = await page.Locator("#comparison tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.arm)");
        Assert.Equal(sweep.Comparison.Arms.Select(a => a.Arm), arms);
        foreach (var arm in sweep.Comparison.Arms)
        {
            var row = page.Locator($"#comparison tr[data-arm='{arm.Arm}']");
            Assert.Equal($"{arm.Finished} / {arm.Seeds}", await Field(row, "finished"));
            Assert.Equal(Spread(arm.FinalSampledMean, arm.FinalSampledStd), await Field(row, "final-sampled"));
            Assert.Equal(Spread(arm.FinalGreedyMean, arm.FinalGreedyStd), await Field(row, "final-greedy"));
            Assert.Equal(Spread(arm.AccuracyAtBudgetMean, arm.AccuracyAtBudgetStd), await Field(row, "at-budget"));
            Assert.Equal(Fixed(arm.WallSecondsMean!.Value), await Field(row, "wall"));
            Assert.StartsWith(arm.RolloutsToReference is { } r ? Math.Round(r).ToString(CultureInfo.InvariantCulture) : "not reached",
                await Field(row, "to-reference"), StringComparison.Ordinal);
        }

        // Held-out accuracy against rollouts: each campaign's curve, on the union of the curves' rollouts.
        var data = await dashboard.ChartData("sweep-accuracy");
        for (var i = 0; i < sweep.Campaigns.Count; i++)
        {
            var curve = sweep.Comparison.Curves[sweep.Campaigns[i].CampaignId];
            var plotted = data[0].Zip(data[1 + i]).Where(p => p.Second is not null).ToList();
            Assert.Equal(curve.Select(p => (double)p.Rollouts), plotted.Select(p => p.First!.Value));
            Assert.Equal(curve.Select(p => p.Sampled), plotted.Select(p => p.Second!.Value));
        }

        // A legend entry per arm (not per seed), in the arm's colour, which each of its campaigns' curves has.
        var entries = page.Locator("[data-chart='sweep-accuracy'] .legend .entry");
        Assert.Equal(sweep.Comparison.Arms.Select(a => a.Arm), await entries.EvaluateAllAsync<string[]>("es => es.map(e => e.dataset.arm)"));
        var colours = await entries.EvaluateAllAsync<string[]>("es => es.map(e => e.dataset.color)");
        var strokes = await page.EvaluateAsync<string[]>("window.rlvr.charts['sweep-accuracy'].series.map(s => s.color)");
        Assert.Equal(sweep.Comparison.Arms.Count, colours.Distinct().Count());
        for (var i = 0; i < sweep.Campaigns.Count; i++)
        {
            var arm = sweep.Comparison.Arms.Select(a => a.Arm).ToList().IndexOf(sweep.Campaigns[i].Arm);
            Assert.Equal(colours[arm], strokes[i]);
        }

        await dashboard.Screenshot("sweep");
        Assert.Empty(dashboard.Errors);
    }

    private static async Task<string> Field(Microsoft.Playwright.ILocator row, string field) =>
        (await row.Locator($"[data-field='{field}']").TextContentAsync())!;

    private static string Spread(double? mean, double? std) => $"{Percent(mean)} ± {Percent(std)}";

    // JavaScript's toFixed rounds a tie away from zero; .NET's "F1" to even.
    private static string Percent(double? value) => value is { } v ? Fixed(100 * v) + "%" : "–";

    private static string Fixed(double value) =>
        Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("F1", CultureInfo.InvariantCulture);
}
