using System.Net;
using System.Net.Http.Json;
using Rlvr.Api.Contracts;
using Rlvr.Client;
using SiloStatus = Rlvr.Api.Contracts.SiloStatus;

namespace Rlvr.Integration.Tests.Api;

/// <summary>
/// The campaign resources against a real silo: status, list, get, create (201 or 202), and start / pause / resume /
/// stop with the status each leads to and the 409s of the ones a campaign's status does not allow.
/// </summary>
[Collection(SharedApiSilo.Name)]
public sealed class CampaignLifecycleApiTests(ApiSiloFixture fixture)
{
    private static readonly string[] Active = ["Creating", "Created", "Running"];

    [Fact]
    public async Task StatusNamesTheSiloAndCountsItsCampaignsByStatus()
    {
        using var http = fixture.Silo.CreateHttpClient();
        // Campaigns of other tests may change status between two reads: compare a status framed by two equal lists.
        var deadline = DateTime.UtcNow + Poll.DefaultTimeout;
        while (true)
        {
            var before = await ApiJsonText.Read<List<CampaignInfo>>(await http.GetAsync("api/v1/campaigns"));
            var status = await ApiJsonText.Read<SiloStatus>(await http.GetAsync("api/v1/status"));
            var after = await ApiJsonText.Read<List<CampaignInfo>>(await http.GetAsync("api/v1/campaigns"));
            if (ApiJsonText.Of(before.Select(c => (c.Id, c.Status))) != ApiJsonText.Of(after.Select(c => (c.Id, c.Status))))
            {
                Assert.True(DateTime.UtcNow < deadline, $"statuses kept changing for {Poll.DefaultTimeout}");
                continue;
            }
            Assert.Equal("local", status.Silo);
            Assert.Matches(@"^\d+\.\d+\.\d+", status.Version);
            Assert.InRange(status.StartedUtc, fixture.StartedAfter, DateTimeOffset.UtcNow);
            var expected = after.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), status.Campaigns.OrderBy(p => p.Key, StringComparer.Ordinal));
            Assert.True(status.Campaigns.GetValueOrDefault("Completed") >= 1);
            return;
        }
    }

    [Fact]
    public async Task ListAndGetShowTheSameCampaigns()
    {
        using var http = fixture.Silo.CreateHttpClient();
        var list = await ApiJsonText.Read<List<CampaignInfo>>(await http.GetAsync("api/v1/campaigns"));
        Assert.Equal(list.Select(c => c.Id).Order(StringComparer.Ordinal), list.Select(c => c.Id));
        var done = Assert.Single(list, c => c.Id == ApiSiloFixture.Done);
        var get = await ApiJsonText.Read<CampaignInfo>(await http.GetAsync($"api/v1/campaigns/{ApiSiloFixture.Done}"));
        Assert.Equal(ApiJsonText.Of(done), ApiJsonText.Of(get));

        Assert.Equal("Completed", get.Status);
        Assert.Equal(ApiCampaigns.Steps, get.Step);
        Assert.Equal(ApiCampaigns.Steps, get.Steps);
        Assert.Equal(ApiCampaigns.Steps, get.PolicyVersion);
        Assert.Matches("^[0-9a-f]{64}$", get.ConfigHash);
        Assert.Null(get.Error);
        Assert.Equal("dump", get.Strategy);
        Assert.InRange(get.CreatedUtc!.Value, fixture.StartedAfter, DateTimeOffset.UtcNow);
        Assert.Equal(ApiCampaigns.Steps, get.Latest?.Step);
        // The baseline after the warm start, every evaluation.interval steps, and after the last.
        Assert.Equal([0, 3, 6], get.Evaluations.Select(e => e.Step));
        Assert.All(get.Evaluations, e => Assert.Equal(ApiCampaigns.Distributions, e.Greedy.Keys.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task CreateAnswers201Or202AndTheCampaignRunsToCompletion()
    {
        const string id = "slow-warm-start";
        // A warm start of ~1000 supervised steps usually outlasts the 2 s the API waits before answering 202.
        var config = ApiCampaigns.With("steps: 3\n  levels", "steps: 1000\n  levels", ApiCampaigns.WithSeed(13));
        using var http = fixture.Silo.CreateHttpClient();

        using var response = await http.PostAsJsonAsync("api/v1/campaigns", new CreateCampaignRequest(id, config), ApiJson.Options);
        var created = await ApiJsonText.Read<CampaignInfo>(response);

        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted, $"{response.StatusCode}");
        Assert.Equal($"/api/v1/campaigns/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(id, created.Id);
        Assert.Equal(ApiCampaigns.Steps, created.Steps);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            Assert.Equal("Creating", created.Status);
            // Its curriculum and replay buffer do not exist yet. The creation may end between any two calls, and a
            // campaign never goes back to Creating: the answers framed by two Creating reads must be 409s.
            using var curriculum = await http.GetAsync($"api/v1/campaigns/{id}/curriculum");
            using var replay = await http.GetAsync($"api/v1/campaigns/{id}/replay");
            var now = await ApiJsonText.Read<CampaignInfo>(await http.GetAsync($"api/v1/campaigns/{id}"));
            if (now.Status == "Creating")
            {
                await Problem.Read(curriculum, HttpStatusCode.Conflict);
                await Problem.Read(replay, HttpStatusCode.Conflict);
            }
        }
        else
        {
            Assert.True(created.Status is "Running" or "Completed", created.Status);
            Assert.Equal([0L], created.Evaluations.Select(e => e.Step));
        }

        var done = await Poll.Campaign(fixture.Client, id, c => !Active.Contains(c.Status));
        Assert.True(done.Status == "Completed", $"{done.Status}: {done.Error}");
        Assert.Equal(ApiCampaigns.Steps, done.Step);
        var list = await fixture.Client.ListCampaignsAsync();
        Assert.Contains(list, c => c.Id == id && c.Status == "Completed");
    }

    [Fact]
    public async Task CreatingAgainWithTheSameConfigurationReturnsTheCampaignAndADifferentOneIsAConflict()
    {
        using var http = fixture.Silo.CreateHttpClient();

        using var again = await http.PostAsJsonAsync("api/v1/campaigns", new CreateCampaignRequest(ApiSiloFixture.Done, ApiCampaigns.Tiny), ApiJson.Options);
        var same = await ApiJsonText.Read<CampaignInfo>(again);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("Completed", same.Status);
        Assert.Equal(ApiCampaigns.Steps, same.Step);

        using var different = await http.PostAsJsonAsync("api/v1/campaigns", new CreateCampaignRequest(ApiSiloFixture.Done, ApiCampaigns.WithSeed(99)), ApiJson.Options);
        var problem = await Problem.Read(different, HttpStatusCode.Conflict);
        Assert.Contains(same.ConfigHash!, problem.Detail, StringComparison.Ordinal);
        Assert.Equal(same.ConfigHash, (await fixture.Client.GetCampaignAsync(ApiSiloFixture.Done)).ConfigHash);
    }

    [Fact]
    public async Task StartPauseResumeStopMoveTheCampaignThroughItsStatuses()
    {
        const string id = "lifecycle";
        var config = ApiCampaigns.With("replay:\n  enabled: true", "replay:\n  enabled: false", ApiCampaigns.WithSeed(14));
        using var http = fixture.Silo.CreateHttpClient();
        // Many steps, so that it is still running whenever the test acts on it.
        using var response = await http.PostAsJsonAsync("api/v1/campaigns", new CreateCampaignRequest(id, config, Steps: 100_000, Start: false), ApiJson.Options);
        var created = await ApiJsonText.Read<CampaignInfo>(response);
        Assert.Equal(100_000, created.Steps);
        try
        {
            created = await Poll.Campaign(fixture.Client, id, c => c.Status != "Creating");
            Assert.Equal("Created", created.Status);
            Assert.Equal(0, created.Step);
            Assert.False((await fixture.Client.GetReplayAsync(id)).Enabled);
            // A created campaign starts: it neither pauses nor resumes.
            await Refused(http, id, "pause", "cannot pause a Created campaign");
            await Refused(http, id, "resume", "cannot resume a Created campaign");

            var started = await Act(http, id, "start");
            Assert.Equal("Running", started.Status);
            await Poll.Campaign(fixture.Client, id, c => c.Step >= 2);

            var paused = await Act(http, id, "pause");
            Assert.Equal("Paused", paused.Status);
            // Pause ends the loop between two of its turns. A loop that went on would start its next turn within its
            // timer's millisecond; pausing again, a turn that does not interleave, answers after that one, with its step.
            Assert.Equal(("Paused", paused.Step), Summary(await Act(http, id, "pause")));
            // Pausing commits a checkpoint where the campaign stands, so resuming recomputes nothing.
            Assert.Equal(paused.Step, (await fixture.Client.GetCheckpointsAsync(id))[^1].Step);
            // A paused campaign resumes: start is for created ones.
            await Refused(http, id, "start", "cannot start a Paused campaign: resume it instead");
            Assert.Equal(("Paused", paused.Step), Summary(await fixture.Client.GetCampaignAsync(id)));

            var resumed = await Act(http, id, "resume");
            Assert.Equal("Running", resumed.Status);
            await Poll.Campaign(fixture.Client, id, c => c.Step > paused.Step + 1);

            var stopped = await Act(http, id, "stop");
            Assert.Equal("Stopped", stopped.Status);
            // Stopping again answers after any turn of a loop that went on, as pausing again does above.
            Assert.Equal(("Stopped", stopped.Step), Summary(await Act(http, id, "stop")));
            Assert.Equal(stopped.Step, (await fixture.Client.GetCheckpointsAsync(id))[^1].Step);

            // Stopped is final.
            await Refused(http, id, "start", "cannot start a Stopped campaign");
            await Refused(http, id, "resume", "cannot resume a Stopped campaign");
            await Refused(http, id, "pause", "cannot pause a Stopped campaign");
            Assert.Equal(("Stopped", stopped.Step), Summary(await fixture.Client.GetCampaignAsync(id)));

            // Every step from 1 to where it stopped ran exactly once, across the pause.
            var metrics = await fixture.Client.GetMetricsAsync(id);
            Assert.Equal(Enumerable.Range(1, (int)stopped.Step).Select(s => (long)s), metrics.Select(m => m.Step));
        }
        finally
        {
            // Never leave it running: the other tests share the silo's two cores.
            await http.PostAsync($"api/v1/campaigns/{id}/stop", null);
        }
    }

    [Theory]
    [InlineData("start")]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("stop")]
    public async Task EveryActionOnACompletedCampaignIsA409NamingTheActionAndTheStatusThroughTheApiAndTheClient(string action)
    {
        using var http = fixture.Silo.CreateHttpClient();

        await Refused(http, ApiSiloFixture.Done, action, $"cannot {action} a Completed campaign");
        var error = await Assert.ThrowsAsync<RlvrApiException>(() => action switch
        {
            "start" => fixture.Client.StartAsync(ApiSiloFixture.Done),
            "pause" => fixture.Client.PauseAsync(ApiSiloFixture.Done),
            "resume" => fixture.Client.ResumeAsync(ApiSiloFixture.Done),
            _ => fixture.Client.StopAsync(ApiSiloFixture.Done),
        });
        Assert.Equal(409, error.Status);
        Assert.Contains($"cannot {action} a Completed campaign", error.Message, StringComparison.Ordinal);
        Assert.Equal(("Completed", (long)ApiCampaigns.Steps), Summary(await fixture.Client.GetCampaignAsync(ApiSiloFixture.Done)));
    }

    /// <summary>A 409 problem+json whose detail says <paramref name="refusal"/> (the lifecycle table's, naming action and status).</summary>
    private static async Task Refused(HttpClient http, string id, string action, string refusal)
    {
        using var response = await http.PostAsync($"api/v1/campaigns/{id}/{action}", null);
        Assert.Contains(refusal, (await Problem.Read(response, HttpStatusCode.Conflict)).Detail, StringComparison.Ordinal);
    }

    private static async Task<CampaignInfo> Act(HttpClient http, string id, string action)
    {
        using var response = await http.PostAsync($"api/v1/campaigns/{id}/{action}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ApiJsonText.Read<CampaignInfo>(response);
    }

    private static (string Status, long Step) Summary(CampaignInfo campaign) => (campaign.Status, campaign.Step);
}
