using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Rlvr.Api.Contracts;

namespace Rlvr.Integration.Tests.Api;

/// <summary>Step metrics as JSON and as CSV (the same numbers), and the committed checkpoints with their blobs' checksums.</summary>
[Collection(SharedApiSilo.Name)]
public sealed class MetricsAndCheckpointsApiTests(ApiSiloFixture fixture)
{
    private const string Done = ApiSiloFixture.Done;

    private static readonly string[] Scalars =
    [
        "step", "policy_version", "reward", "loss", "kl", "clip_fraction", "entropy", "grad_norm", "tokens",
        "groups_generated", "reference_groups", "prediction_correlation", "groups_replayed", "rounds",
        "groups_rejected", "replay_stored", "replay_mean_age", "rollouts", "groups_informative", "yield", "uniform_yield",
        "elapsed_ms",
    ];

    private static readonly string[] Phases = ["selection", "rollout", "verification", "update", "bookkeeping", "evaluation", "wall"];

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public async Task MetricsAsJsonAndCsvAgree(int since)
    {
        using var http = fixture.Silo.CreateHttpClient();
        using var jsonResponse = await http.GetAsync($"api/v1/campaigns/{Done}/metrics?since={since}&format=json");
        var json = await ApiJsonText.Read<List<StepInfo>>(jsonResponse);
        using var csvResponse = await http.GetAsync($"api/v1/campaigns/{Done}/metrics?since={since}&format=csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csv = await csvResponse.Content.ReadAsStringAsync();

        Assert.Equal(Enumerable.Range(since + 1, ApiCampaigns.Steps - since).Select(s => (long)s), json.Select(m => m.Step));
        Assert.All(json, m => Assert.Equal(m.Step, m.PolicyVersion));
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = SplitCsv(lines[0]);
        Assert.Equal(
            Scalars.Concat(Phases.Select(p => p + "_ms")).Concat(ApiCampaigns.Distributions.Select(d => "pass_rate:" + d)),
            header);
        Assert.Equal(json.Count, lines.Length - 1);
        foreach (var (step, line) in json.Zip(lines.Skip(1)))
        {
            var row = header.Zip(SplitCsv(line)).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
            Assert.Equal(header.Count, row.Count);
            Assert.Equal(step.Step, long.Parse(row["step"], CultureInfo.InvariantCulture));
            Assert.Equal(step.PolicyVersion, long.Parse(row["policy_version"], CultureInfo.InvariantCulture));
            // Every named scalar has its column, and the same value; a column left empty is a null.
            Assert.NotEmpty(step.Metrics);
            Assert.All(step.Metrics, m => Assert.Equal(m.Value, row[m.Key].Length == 0 ? (double?)null : Number(row[m.Key])));
            Assert.Contains("reward", step.Metrics.Keys);
            Assert.Contains("groups_generated", step.Metrics.Keys);
            Assert.Equal(step.ElapsedMs, Number(row["elapsed_ms"]));
            Assert.Equal(Phases, step.PhasesMs.Keys);
            Assert.All(Phases, p => Assert.Equal(step.PhasesMs[p], Number(row[p + "_ms"])));
            Assert.All(ApiCampaigns.Distributions, d => Assert.Equal(
                step.PassRates.TryGetValue(d, out var rate) ? (double?)rate : null,
                row["pass_rate:" + d].Length == 0 ? (double?)null : Number(row["pass_rate:" + d])));
            Assert.True(step.Metric("tokens") > 0);
            Assert.True(step.PhasesMs["wall"] > 0, $"step {step.Step}: no wall time");
            Assert.Equal(4, step.Metric("groups_generated"));
        }

        // The typed client reads the same.
        Assert.Equal(csv, await fixture.Client.GetMetricsCsvAsync(Done, since));
        Assert.Equal(ApiJsonText.Of(json), ApiJsonText.Of(await fixture.Client.GetMetricsAsync(Done, since)));
    }

    [Fact]
    public async Task MetricsDefaultToJsonFromTheFirstStepAndRefuseOtherFormats()
    {
        using var http = fixture.Silo.CreateHttpClient();
        using var response = await http.GetAsync($"api/v1/campaigns/{Done}/metrics");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ApiCampaigns.Steps, (await ApiJsonText.Read<List<StepInfo>>(response)).Count);
        Assert.Empty(await ApiJsonText.Read<List<StepInfo>>(await http.GetAsync($"api/v1/campaigns/{Done}/metrics?since={ApiCampaigns.Steps}")));

        await Problem.ReadInvalid(await http.GetAsync($"api/v1/campaigns/{Done}/metrics?format=xml"), "format");
        await Problem.ReadInvalid(await http.GetAsync($"api/v1/campaigns/{Done}/metrics?since=last"), "since");
    }

    [Fact]
    public async Task CheckpointsListTheRetainedOnesWithBlobsMatchingTheirSha256OnDisk()
    {
        using var http = fixture.Silo.CreateHttpClient();
        var checkpoints = await ApiJsonText.Read<List<CheckpointInfo>>(await http.GetAsync($"api/v1/campaigns/{Done}/checkpoints"));
        var campaign = await fixture.Client.GetCampaignAsync(Done);

        // Committed at steps 0, 1, 2, 4 and 6 (every 2, after the first and the last); keep_last 2 leaves 4 and 6.
        Assert.Equal([4L, 6L], checkpoints.Select(c => c.Step));
        Assert.True(checkpoints[0].CreatedUtc <= checkpoints[1].CreatedUtc);
        Assert.All(checkpoints, c =>
        {
            Assert.InRange(c.CreatedUtc, fixture.StartedAfter, DateTimeOffset.UtcNow);
            Assert.Equal(campaign.ConfigHash, c.ConfigHash);
            Assert.False(string.IsNullOrEmpty(c.WeightsHash));
            Assert.Equal(["campaign", "curriculum", "policy", "replay"], c.Blobs.Select(b => b.Name).Order(StringComparer.Ordinal));
            foreach (var blob in c.Blobs)
            {
                var file = Path.Combine(fixture.Silo.DataDirectory, "checkpoints", Done, c.Step.ToString("D12", CultureInfo.InvariantCulture), blob.Name + ".blob");
                var bytes = File.ReadAllBytes(file);
                Assert.Equal(bytes.LongLength, blob.Length);
                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), blob.Sha256);
            }
        });
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return fields;
    }
}
