using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Rlvr.Api.Contracts;

namespace Rlvr.Integration.Tests.Api;

/// <summary>The live curriculum (distributions and hardest prompts, with filters), its history per step, and the replay buffer's stats.</summary>
[Collection(SharedApiSilo.Name)]
public sealed class CurriculumApiTests(ApiSiloFixture fixture)
{
    private const string Done = ApiSiloFixture.Done;

    [Fact]
    public async Task ADumpCampaignsCurriculumHasEveryDistributionWithItsStatistics()
    {
        using var http = fixture.Silo.CreateHttpClient();
        var curriculum = await ApiJsonText.Read<CurriculumInfo>(await http.GetAsync($"api/v1/campaigns/{Done}/curriculum"));
        var metrics = await fixture.Client.GetMetricsAsync(Done);

        Assert.Equal(Done, curriculum.CampaignId);
        Assert.Equal(ApiCampaigns.Steps, curriculum.Step);
        Assert.Equal("dump", curriculum.Strategy);
        Assert.Equal(ApiCampaigns.Distributions, curriculum.Distributions.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.All(curriculum.Distributions, d =>
        {
            Assert.InRange(d.Probability ?? -1, 0, 1);
            Assert.NotNull(d.UcbScore);
            Assert.InRange(d.WindowMeanAbsAdvantage ?? -1, 0, double.MaxValue);
            Assert.InRange(d.PassRate ?? -1, 0, 1);
        });
        Assert.Equal(1.0, curriculum.Distributions.Sum(d => d.Probability!.Value), 9);
        // Every rollout the steps generated is counted against its distribution.
        Assert.Equal(metrics.Sum(m => (long)m.Metric("groups_generated") * ApiCampaigns.GroupSize), curriculum.Distributions.Sum(d => d.Rollouts));
        // After the last step, the live curriculum is the one the last step recorded.
        Assert.Equal(ApiJsonText.Of(metrics[^1].Curriculum), ApiJsonText.Of(curriculum.Distributions));

        // The default top is 20, hardest first.
        Assert.Equal(Math.Min(20, curriculum.PromptsTotal), curriculum.Prompts.Count);
        Assert.True(curriculum.PromptsTotal > 20);
        var difficulty = curriculum.Prompts.Select(p => p.PredictedDifficulty ?? p.ObservedDifficulty ?? double.NegativeInfinity).ToList();
        Assert.Equal(difficulty.OrderDescending(), difficulty);
        Assert.All(curriculum.Prompts, p => Assert.Contains(p.Distribution, ApiCampaigns.Distributions));
        Assert.All(curriculum.Prompts, p => Assert.StartsWith(p.Distribution + "#", p.PromptId, StringComparison.Ordinal));
        Assert.Equal(curriculum.Prompts.Count, curriculum.Prompts.Select(p => p.PromptId).Distinct().Count());
    }

    [Fact]
    public async Task TopAndDistributionFilterThePrompts()
    {
        using var http = fixture.Silo.CreateHttpClient();
        var all = await Curriculum(http, "?top=10000");
        Assert.Equal(all.PromptsTotal, all.Prompts.Count);

        var top3 = await Curriculum(http, "?top=3");
        Assert.Equal(all.Prompts.Take(3).Select(p => p.PromptId), top3.Prompts.Select(p => p.PromptId));
        Assert.Equal(all.PromptsTotal, top3.PromptsTotal);

        var none = await Curriculum(http, "?top=0");
        Assert.Empty(none.Prompts);
        Assert.Equal(all.PromptsTotal, none.PromptsTotal);

        var total = 0;
        foreach (var distribution in ApiCampaigns.Distributions)
        {
            var only = await Curriculum(http, $"?top=10000&distribution={Uri.EscapeDataString(distribution)}");
            Assert.Equal(all.Prompts.Where(p => p.Distribution == distribution).Select(p => p.PromptId), only.Prompts.Select(p => p.PromptId));
            Assert.NotEmpty(only.Prompts);
            // The filter narrows the prompts, not the distributions.
            Assert.Equal(ApiJsonText.Of(all.Distributions), ApiJsonText.Of(only.Distributions));
            Assert.Equal(ApiJsonText.Of(only), ApiJsonText.Of(await fixture.Client.GetCurriculumAsync(Done, 10000, distribution)));
            total += only.PromptsTotal;
        }
        Assert.Equal(all.PromptsTotal, total);

        var unknown = await Curriculum(http, "?distribution=addition%2F9");
        Assert.Empty(unknown.Prompts);
        Assert.Equal(0, unknown.PromptsTotal);
    }

    [Fact]
    public async Task EachPromptComesWithItsTextAndItsReferenceAnswer()
    {
        var curriculum = await fixture.Client.GetCurriculumAsync(Done, 10000);

        Assert.NotEmpty(curriculum.Prompts);
        // Reversed-digit addition: "<a reversed>+<b reversed>=", answered by the reversed sum, one digit wider.
        Assert.All(curriculum.Prompts, p =>
        {
            var match = Regex.Match(p.Text, "^([0-9]{6})\\+([0-9]{6})=$");
            Assert.True(match.Success, $"{p.PromptId}: '{p.Text}'");
            var sum = Reversed(match.Groups[1].Value) + Reversed(match.Groups[2].Value);
            Assert.Equal(sum.ToString("D7", CultureInfo.InvariantCulture), new string(p.Answer.Reverse().ToArray()));
        });
        Assert.Equal(curriculum.Prompts.Count, curriculum.Prompts.Select(p => p.Text).Distinct().Count());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("10001")]
    [InlineData("many")]
    public async Task TopOutOfRangeIs400NamingTop(string top)
    {
        using var http = fixture.Silo.CreateHttpClient();
        await Problem.ReadInvalid(await http.GetAsync($"api/v1/campaigns/{Done}/curriculum?top={top}"), "top");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(6)]
    public async Task HistoryHasOneEntryPerStepAfterSince(int since)
    {
        using var http = fixture.Silo.CreateHttpClient();
        var history = await ApiJsonText.Read<List<CurriculumHistoryEntry>>(await http.GetAsync($"api/v1/campaigns/{Done}/curriculum/history?since={since}"));
        var metrics = await fixture.Client.GetMetricsAsync(Done);

        Assert.Equal(Enumerable.Range(since + 1, ApiCampaigns.Steps - since).Select(s => (long)s), history.Select(h => h.Step));
        foreach (var entry in history)
        {
            Assert.Equal(ApiCampaigns.Distributions, entry.Distributions.Select(d => d.Name).Order(StringComparer.Ordinal));
            Assert.Equal(ApiJsonText.Of(metrics.Single(m => m.Step == entry.Step).Curriculum), ApiJsonText.Of(entry.Distributions));
        }
        // The rollouts only grow from step to step.
        var rollouts = history.Select(h => h.Distributions.Sum(d => d.Rollouts)).ToList();
        Assert.Equal(rollouts.Order(), rollouts);
    }

    [Fact]
    public async Task HistoryWithoutSinceStartsAtTheFirstStep()
    {
        var history = await fixture.Client.GetCurriculumHistoryAsync(Done);
        Assert.Equal(Enumerable.Range(1, ApiCampaigns.Steps).Select(s => (long)s), history.Select(h => h.Step));
    }

    [Fact]
    public async Task ReplayStatsAgreeWithTheStepMetrics()
    {
        using var http = fixture.Silo.CreateHttpClient();
        var replay = await ApiJsonText.Read<ReplayInfo>(await http.GetAsync($"api/v1/campaigns/{Done}/replay"));
        var metrics = await fixture.Client.GetMetricsAsync(Done);

        Assert.True(replay.Enabled);
        Assert.InRange(replay.Stored, 0, ApiCampaigns.ReplayCapacity);
        Assert.InRange(replay.Stored, 0, replay.Admitted);
        Assert.Equal(metrics.Sum(m => (long)m.Metric("groups_replayed")), replay.Replayed);
        // The buffer's size after the last step, and the age of what each step replayed: groups of older policies.
        Assert.Equal(replay.Stored, metrics[^1].Metrics["replay_stored"]);
        Assert.All(metrics, m => Assert.True(
            m.Metric("groups_replayed") == 0 ? m.Metrics["replay_mean_age"] is null : m.Metrics["replay_mean_age"] >= 1, $"step {m.Step}: age {m.Metrics["replay_mean_age"]}"));
        // The campaign's time so far is the sum of its steps' wall times.
        var wall = 0.0;
        Assert.All(metrics, m => Assert.Equal(wall += m.PhasesMs["wall"], m.ElapsedMs, 6));
    }

    private static long Reversed(string digits) => long.Parse(new string(digits.Reverse().ToArray()), CultureInfo.InvariantCulture);

    private static async Task<CurriculumInfo> Curriculum(HttpClient http, string query)
    {
        using var response = await http.GetAsync($"api/v1/campaigns/{Done}/curriculum{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ApiJsonText.Read<CurriculumInfo>(response);
    }
}
