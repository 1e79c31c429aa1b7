using System.Text.Json.Nodes;
using Rlvr.Api.Contracts;
using Rlvr.Integration.Tests.Api;

namespace Rlvr.Integration.Tests.Trainer;

/// <summary>
/// kill -9 of the silo while an external trainer works on a campaign, mid-round (one of the round's two leases
/// reported: its groups are in the ledger, the lease book as stored does not have them): the trainer's client retries
/// until the silo is back, no group counts twice, and the campaign ends exactly as one never interrupted given the same
/// reports.
/// </summary>
public sealed class ExternalTrainerCrashTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task KilledMidRoundAndRestartedTheCampaignEndsAsIfNeverKilled()
    {
        var root = Path.Combine(Path.GetTempPath(), "rlvr-trainer-crash-" + Guid.NewGuid().ToString("N"));
        try
        {
            var uninterrupted = await Run(Path.Combine(root, "uninterrupted"), killAtStep: null);
            var killed = await Run(Path.Combine(root, "killed"), killAtStep: 3);

            Assert.Equal(uninterrupted.Metrics, killed.Metrics);
            Assert.Equal(uninterrupted.Curriculum, killed.Curriculum);
            Assert.Equal(uninterrupted.Replay, killed.Replay);
            Assert.Equal(uninterrupted.Evaluations, killed.Evaluations);
            // What the trainer reported is what it would have reported anyway: it only retried.
            Assert.Equal(uninterrupted.GroupsReported, killed.GroupsReported);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    /// <summary>The tiny external campaign to its end; with <paramref name="killAtStep"/>, the silo is killed after the trainer's first report of that step.</summary>
    private static async Task<Outcome> Run(string data, int? killAtStep)
    {
        const string id = "crash";
        var silo = await SiloProcess.Start(data);
        try
        {
            using var client = silo.CreateClient();
            await client.CreateCampaignAsync(new CreateCampaignRequest(id, ExternalTrainerFixture.Campaign(leasePrompts: 1)));
            using var http = silo.CreateHttpClient();
            var trainer = new ExternalTrainerDriver(http, id);
            if (killAtStep is { } step)
            {
                TrainerTaskInfo task;
                while ((task = await trainer.NextTask()).Kind != "rollout" || task.Lease!.Step < step)
                {
                    await trainer.Do(task);
                }
                await trainer.Do(task);
                silo.Kill();
                // The trainer goes on (its calls retry while the silo is down); the silo comes back on the same address.
                var working = trainer.RunToTheEnd(Timeout);
                silo.Dispose();
                silo = await SiloProcess.Start(data, $"http://127.0.0.1:{silo.Port}");
                await working;
                // It did go back: the restarted silo restored the campaign from its checkpoint of step 2 and replayed.
                Assert.Contains("restored from checkpoint 2", silo.Output, StringComparison.Ordinal);
            }
            else
            {
                await trainer.RunToTheEnd(Timeout);
            }
            using var after = silo.CreateClient();
            var campaign = await after.GetCampaignAsync(id);
            Assert.True(campaign.Status == "Completed", $"{campaign.Status}: {campaign.Error}");
            return new Outcome(
                Timeless(await after.GetMetricsAsync(id)),
                ApiJsonText.Of((await after.GetCurriculumAsync(id, 10000)).Distributions),
                ApiJsonText.Of(await after.GetReplayAsync(id)),
                ApiJsonText.Of(campaign.Evaluations),
                trainer.GroupsReported);
        }
        finally
        {
            silo.Dispose();
        }
    }

    /// <summary>The metrics without what varies between runs: the timings.</summary>
    private static string Timeless(IReadOnlyList<StepInfo> metrics)
    {
        var json = JsonNode.Parse(ApiJsonText.Of(metrics))!.AsArray();
        foreach (var step in json)
        {
            step!.AsObject().Remove("phasesMs");
            step.AsObject().Remove("elapsedMs");
        }
        return json.ToJsonString();
    }

    private sealed record Outcome(string Metrics, string Curriculum, string Replay, string Evaluations, int GroupsReported);
}
