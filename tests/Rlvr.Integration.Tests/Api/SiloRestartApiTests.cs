using System.Net.Http.Json;
using Rlvr.Api.Contracts;
using Rlvr.Client;
using Xunit.Abstractions;

namespace Rlvr.Integration.Tests.Api;

/// <summary>
/// kill -9 of a silo, then a silo on the same data directory (and port), seen through the API: a running campaign goes
/// on by itself to Completed, and a client following its event stream across the restart sees every step once; a
/// campaign whose creation was cut short is created and run by the restarted silo.
/// </summary>
public sealed class SiloRestartApiTests(ITestOutputHelper output) : IDisposable
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    private readonly string _root = Path.Combine(Path.GetTempPath(), "rlvr-api-restart-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task AfterKill9WhileACampaignRunsARestartedSiloContinuesItByItselfToCompleted()
    {
        const string id = "survivor";
        var data = Path.Combine(_root, "running");
        var events = new List<CampaignEvent>();
        Task watching;
        int port;
        using (var first = await SiloProcess.Start(data, environment: new Dictionary<string, string> { ["RLVR_KILL_POINT"] = "mid-update:3" }))
        {
            port = first.Port;
            Log("silo up");
            using var http = first.CreateHttpClient();
            using var created = await http.PostAsJsonAsync("api/v1/campaigns", new CreateCampaignRequest(id, ApiCampaigns.Tiny), ApiJson.Options);
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            Log($"created: {(int)created.StatusCode}");

            // A client follows the event stream, with enough retries to outlast the restart.
            watching = Follow(new RlvrClient(first.BaseAddress, maxRetries: 8), id, events);
            // The learner stops inside step 3's update (the campaign grain still answers), and the process dies there.
            await first.WaitForKillPoint();
            Log("at the kill point");
            await WaitFor(() => Steps(events).Contains(2), () => first.Output);
            Assert.Equal(("Running", 2L), Summary(await ApiJsonText.Read<CampaignInfo>(await http.GetAsync($"api/v1/campaigns/{id}"))));
            first.Kill();
            Log("killed at the kill point");
        }

        using var second = await SiloProcess.Start(data, $"http://127.0.0.1:{port}");
        Log("restarted");
        using var api = second.CreateClient();

        // Nothing but the restart: no start or resume.
        var done = await Poll.Campaign(api, id, c => c.Status is not ("Running" or "Created"));
        Assert.True(done.Status == "Completed", $"{done.Status}: {done.Error}\n{second.Output}");
        Log("completed");
        Assert.Equal((long)ApiCampaigns.Steps, done.Step);
        Assert.Equal((long)ApiCampaigns.Steps, done.PolicyVersion);
        Assert.Equal([0L, 3L, 6L], done.Evaluations.Select(e => e.Step));
        // Steps 3 to 6 were computed after the restart, each counted once.
        Assert.Equal(Enumerable.Range(1, ApiCampaigns.Steps).Select(s => (long)s), (await api.GetMetricsAsync(id)).Select(m => m.Step));
        Assert.Equal(ApiCampaigns.Steps, (await api.GetCheckpointsAsync(id))[^1].Step);

        await watching.WaitAsync(TimeSpan.FromMinutes(2));
        Log("the event stream ended");
        Assert.Equal(Enumerable.Range(1, ApiCampaigns.Steps).Select(s => (long)s), Steps(events));
        Assert.Equal("Completed", events[^1].Status?.Status);
    }

    [Fact]
    public async Task ACampaignWhoseCreationWasKilledIsCreatedAndRunAfterARestart()
    {
        const string id = "interrupted";
        var data = Path.Combine(_root, "creating");
        var request = new CreateCampaignRequest(id, ApiCampaigns.Tiny);
        using (var first = await SiloProcess.Start(data, environment: new Dictionary<string, string> { ["RLVR_KILL_POINT"] = "create:0" }))
        {
            using var http = first.CreateHttpClient();
            // It stops after the warm start and the first evaluation, before the creation is finished. The kill point holds
            // the campaign grain's thread, so whether an answer (202) came before the kill depends on timing: not checked.
            var creating = http.PostAsJsonAsync("api/v1/campaigns", request, ApiJson.Options);
            await first.WaitForKillPoint();
            first.Kill();
            await creating.ContinueWith(t => t.Exception, TaskScheduler.Default);
        }

        // The accepted creation was stored before its warm start: the restarted silo finishes it and runs the campaign.
        using var second = await SiloProcess.Start(data);
        using var client = second.CreateClient();
        var done = await Poll.Campaign(client, id, c => c.Status is not ("Creating" or "Created" or "Running"));
        Assert.True(done.Status == "Completed", $"{done.Status}: {done.Error}\n{second.Output}");
        Assert.Equal(Enumerable.Range(1, ApiCampaigns.Steps).Select(s => (long)s), (await client.GetMetricsAsync(id)).Select(m => m.Step));
        Assert.Equal([id], (await client.ListCampaignsAsync()).Select(c => c.Id));
    }

    private void Log(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:F1} s {what}");

    private static async Task Follow(RlvrClient client, string id, List<CampaignEvent> events)
    {
        using (client)
        {
            using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await foreach (var e in client.WatchAsync(id, 0, cancellation.Token))
            {
                lock (events)
                {
                    events.Add(e);
                }
            }
        }
    }

    private static List<long> Steps(List<CampaignEvent> events)
    {
        lock (events)
        {
            return events.Where(e => e.Type == "step").Select(e => e.Step).ToList();
        }
    }

    private static (string Status, long Step) Summary(CampaignInfo campaign) => (campaign.Status, campaign.Step);

    private static async Task WaitFor(Func<bool> condition, Func<string> output)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not reached within a minute; silo output:\n{output()}");
            }
            await Task.Delay(50);
        }
    }
}
