using System.Net;
using System.Text.Json;

namespace Rlvr.Integration.Tests.Api;

/// <summary>Orleans' dashboard, switched on (Api:OrleansDashboard), under /dashboard/orleans/ with live cluster figures.</summary>
[Collection(SharedApiSilo.Name)]
public sealed class OrleansDashboardTests(ApiSiloFixture fixture)
{
    [Fact]
    public async Task ThePageLoadsAndItsCountersSeeTheSiloAndTheCampaignsGrains()
    {
        using var http = fixture.Silo.CreateHttpClient();

        using var page = await http.GetAsync("dashboard/orleans/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        using var counters = await http.GetAsync("dashboard/orleans/DashboardCounters");
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        using var json = JsonDocument.Parse(await counters.Content.ReadAsStringAsync());
        var text = json.RootElement.ToString();
        Assert.Equal(1, json.RootElement.GetProperty("totalActiveHostCount").GetInt32());
        Assert.Contains("CampaignGrain", text, StringComparison.Ordinal);
    }
}
