using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Rlvr.Api.Contracts;
using Rlvr.Client;

namespace Rlvr.Integration.Tests.Api;

/// <summary>
/// GET /campaigns/{id}/events: every finished step once and in order, evaluations after their step, status changes, the
/// end of the stream once the campaign has completed, and resumption after Last-Event-ID (or ?after=).
/// </summary>
[Collection(SharedApiSilo.Name)]
public sealed class EventStreamApiTests(ApiSiloFixture fixture)
{
    private static readonly TimeSpan StreamTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The steps after which the shared campaign evaluated (besides the baseline at 0).</summary>
    private static readonly int[] Evaluated = [3, 6];

    [Fact]
    public async Task ALiveStreamSendsEveryStepOnceInOrderAndEndsWhenTheCampaignCompletes()
    {
        const string id = "streamed";
        const int steps = 30;
        using var http = fixture.Silo.CreateHttpClient();
        using var created = await http.PostAsJsonAsync("api/v1/campaigns", new CreateCampaignRequest(id, ApiCampaigns.WithSeed(15), Steps: steps), ApiJson.Options);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        // The raw stream and the typed client's, side by side, while the campaign runs.
        var raw = ServerSentEvents.ReadToEnd(http, $"api/v1/campaigns/{id}/events", null, StreamTimeout);
        var typed = Watch(fixture.Client, id, 0);
        var events = (await raw).ToList();

        var stepEvents = events.Where(e => e.Type == "step").ToList();
        Assert.Equal(Enumerable.Range(1, steps).Select(s => s.ToString(CultureInfo.InvariantCulture)), stepEvents.Select(e => e.Id));
        var streamed = stepEvents.Select(e => JsonSerializer.Deserialize<StepInfo>(e.Data, ApiJson.Options)!).ToList();
        Assert.All(stepEvents.Zip(streamed), p => Assert.Equal(p.First.Id, p.Second.Step.ToString(CultureInfo.InvariantCulture)));
        // What was streamed is what the campaign recorded.
        Assert.Equal(ApiJsonText.Of(await fixture.Client.GetMetricsAsync(id)), ApiJsonText.Of(streamed));

        // Evaluations every 3 steps (and after the last), each after its step.
        var evaluations = events.Select((e, i) => (e, i)).Where(p => p.e.Type == "evaluation").ToList();
        Assert.Equal(Enumerable.Range(1, steps / ApiCampaigns.EvaluationInterval).Select(k => (k * ApiCampaigns.EvaluationInterval).ToString(CultureInfo.InvariantCulture)), evaluations.Select(p => p.e.Id));
        Assert.All(evaluations, p => Assert.True(events.FindIndex(e => e.Type == "step" && e.Id == p.e.Id) < p.i));

        // The status: first as the stream opened, last Completed at the last step; and nothing after it.
        var statuses = events.Where(e => e.Type == "status").Select(e => JsonSerializer.Deserialize<CampaignStatusChange>(e.Data, ApiJson.Options)!).ToList();
        Assert.NotEmpty(statuses);
        Assert.Equal(("Completed", (long)steps), (statuses[^1].Status, statuses[^1].Step));
        Assert.Equal("status", events[^1].Type);
        Assert.Equal(statuses.Count, statuses.Select(s => s.Status).Distinct().Count());

        var watched = await typed;
        Assert.Equal(Enumerable.Range(1, steps).Select(s => (long)s), watched.Where(e => e.Type == "step").Select(e => e.Step));
        Assert.Equal("Completed", watched[^1].Status?.Status);
    }

    [Theory]
    [InlineData("4", null, 4)]
    [InlineData(null, "2", 2)]
    [InlineData("0", null, 0)]
    [InlineData("5", "1", 5)] // the header, which browsers send on reconnecting, wins over the query
    [InlineData("6", null, 6)]
    public async Task TheStreamResumesAfterLastEventIdOrAfter(string? lastEventId, string? after, int expectedAfter)
    {
        using var http = fixture.Silo.CreateHttpClient();
        var query = after is null ? "" : $"?after={after}";
        var events = await ServerSentEvents.ReadToEnd(http, $"api/v1/campaigns/{ApiSiloFixture.Done}/events{query}", lastEventId, StreamTimeout);

        Assert.Equal(
            Enumerable.Range(expectedAfter + 1, ApiCampaigns.Steps - expectedAfter).Select(s => s.ToString(CultureInfo.InvariantCulture)),
            events.Where(e => e.Type == "step").Select(e => e.Id));
        // The evaluation of the step resumed after comes again: it may have been recorded after the client saw the step.
        Assert.Equal(
            Evaluated.Where(s => s >= expectedAfter).Select(s => s.ToString(CultureInfo.InvariantCulture)),
            events.Where(e => e.Type == "evaluation").Select(e => e.Id));
        var status = JsonSerializer.Deserialize<CampaignStatusChange>(Assert.Single(events, e => e.Type == "status").Data, ApiJson.Options)!;
        Assert.Equal("Completed", status.Status);
        Assert.Equal("status", events[^1].Type);

        // The typed client resumes the same way.
        var watched = await Watch(fixture.Client, ApiSiloFixture.Done, expectedAfter);
        Assert.Equal(Enumerable.Range(expectedAfter + 1, ApiCampaigns.Steps - expectedAfter).Select(s => (long)s), watched.Where(e => e.Type == "step").Select(e => e.Step));
        Assert.Equal(Evaluated.Where(s => s >= expectedAfter).Select(s => (long)s), watched.Where(e => e.Type == "evaluation").Select(e => e.Step));
    }

    [Theory]
    [InlineData("last")]
    [InlineData("-1")]
    public async Task ALastEventIdThatIsNotAStepIs400(string lastEventId)
    {
        using var http = fixture.Silo.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/campaigns/{ApiSiloFixture.Done}/events");
        request.Headers.Add("Last-Event-ID", lastEventId);
        await Problem.ReadInvalid(await http.SendAsync(request), "Last-Event-ID");
    }

    private static async Task<List<CampaignEvent>> Watch(RlvrClient client, string id, long after)
    {
        using var cancellation = new CancellationTokenSource(StreamTimeout);
        var events = new List<CampaignEvent>();
        await foreach (var e in client.WatchAsync(id, after, cancellation.Token))
        {
            events.Add(e);
        }
        return events;
    }
}
