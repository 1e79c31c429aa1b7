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

        // Its counters are collected on a timer: a silo under load may not have had a round yet.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var counters = await http.GetAsync("dashboard/orleans/DashboardCounters");
            Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
            using var json = JsonDocument.Parse(await counters.Content.ReadAsStringAsync());
            var text = json.RootElement.ToString();
            if (DateTime.UtcNow > deadline || json.RootElement.GetProperty("totalActiveHostCount").GetInt32() == 1)
            {
                Assert.Equal(1, json.RootElement.GetProperty("totalActiveHostCount").GetInt32());
                Assert.Contains("CampaignGrain", text, StringComparison.Ordinal);
                return;
            }
            await Task.Delay(500);
        }
    }
}
