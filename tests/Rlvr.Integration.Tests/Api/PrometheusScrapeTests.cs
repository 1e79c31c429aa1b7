using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Rlvr.Integration.Tests.Api;

/// <summary>The silo's Prometheus scrape endpoint: text exposition format, the campaigns' meters beside Orleans' own.</summary>
[Collection(SharedApiSilo.Name)]
public sealed partial class PrometheusScrapeTests(ApiSiloFixture fixture)
{
    [Fact]
    public async Task TheScrapeParsesAsPrometheusTextAndItsStepGaugeMatchesTheApi()
    {
        using var http = fixture.Silo.CreateHttpClient();
        using var response = await http.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();

        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                Assert.Matches(Comment(), line);
                continue;
            }
            var sample = Sample().Match(line);
            Assert.True(sample.Success, $"not a Prometheus sample: {line}");
            samples[sample.Groups["series"].Value] = double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        var campaign = await fixture.Client.GetCampaignAsync(ApiSiloFixture.Done);
        Assert.Equal(campaign.Step, Series(samples, "rlvr_campaign_step{"));
        Assert.Equal(campaign.Step, Series(samples, "rlvr_campaign_steps_total{"));
        Assert.True(Series(samples, "rlvr_campaign_rollouts_total{") > 0);
        Assert.Contains(samples.Keys, k => k.StartsWith("rlvr_campaign_phase_duration_milliseconds_bucket{", StringComparison.Ordinal)
            && k.Contains("phase=\"update\"", StringComparison.Ordinal));
        Assert.Contains(samples.Keys, k => k.StartsWith("orleans_", StringComparison.Ordinal));
    }

    /// <summary>The value of the one series of <paramref name="prefix"/> tagged with the done campaign.</summary>
    private static double Series(Dictionary<string, double> samples, string prefix) => samples
        .Single(s => s.Key.StartsWith(prefix, StringComparison.Ordinal) && s.Key.Contains($"campaign=\"{ApiSiloFixture.Done}\"", StringComparison.Ordinal))
        .Value;

    [GeneratedRegex(@"^# (HELP|TYPE|EOF)( \S+.*)?$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^(?<series>[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})?) (?<value>[-+]?(\d+(\.\d*)?([eE][-+]?\d+)?|Inf|NaN))( \d+)?$")]
    private static partial Regex Sample();
}
