using System.Net;
using Rlvr.Api.Contracts;
using Rlvr.Integration.Tests.Api;

namespace Rlvr.Integration.Tests.Trainer;

/// <summary>
/// A campaign trained by a trainer outside the product, over the protocol, against a real silo: the curriculum, replay,
/// metrics and evaluations follow what it reported; reports repeated count once; bad reports are refused by field and
/// change nothing; an expired lease goes out again and its old id is gone.
/// </summary>
public sealed class ExternalTrainerTests(ExternalTrainerFixture fixture) : IClassFixture<ExternalTrainerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task ACampaignTrainedOutsideFollowsWhatItsTrainerReported()
    {
        const string id = "external-run";
        using var http = fixture.Silo.CreateHttpClient();
        await fixture.Client.CreateCampaignAsync(new CreateCampaignRequest(id, ExternalTrainerFixture.Campaign()));
        var trainer = new ExternalTrainerDriver(http, id);

        await trainer.RunToTheEnd(Timeout);

        var campaign = await fixture.Client.GetCampaignAsync(id);
        Assert.True(campaign.Status == "Completed", $"{campaign.Status}: {campaign.Error}");
        var metrics = await fixture.Client.GetMetricsAsync(id);
        Assert.Equal(Enumerable.Range(1, ApiCampaigns.Steps).Select(s => (long)s), metrics.Select(m => m.Step));
        foreach (var m in metrics)
        {
            // The learner statistics are the trainer's, as it sent them, and the reward is the mean of the batch it was handed.
            var update = trainer.Updates[m.Step];
            Assert.Equal((m.Step, update.Loss, update.Kl, update.Entropy), (m.PolicyVersion, m.Metric("loss"), m.Metric("kl"), m.Metric("entropy")));
            var batch = trainer.Batches[m.Step];
            Assert.Equal(batch.Groups.SelectMany(g => g.Completions).Average(c => c.Reward), m.Metric("reward"), 9);
            // Every reward in a batch is one the trainer reported for that completion.
            Assert.All(batch.Groups.SelectMany(g => g.Completions), c => Assert.Equal(trainer.RewardsReported[c.Text!], c.Reward));
        }
        // Every group reported is counted once: the steps' tokens (each group once) are the tokens reported.
        Assert.Equal(trainer.TokensReported, metrics.Sum(m => m.Metric("tokens")));
        // Held-out evaluations at the schedule's steps, scored by the campaign's verifier (the trainer answered nonsense).
        Assert.Equal([3L, 6L], campaign.Evaluations.Select(e => e.Step));
        Assert.All(campaign.Evaluations, e => Assert.Equal(0, e.GreedyMean));
        Assert.Equal("done", (await trainer.NextTask(0)).Kind);
    }

    [Fact]
    public async Task AReportRepeatedCountsOnceAndBadReportsAreRefusedByFieldChangingNothing()
    {
        const string id = "external-reports";
        using var http = fixture.Silo.CreateHttpClient();
        await fixture.Client.CreateCampaignAsync(new CreateCampaignRequest(id, ExternalTrainerFixture.Campaign()));
        var trainer = new ExternalTrainerDriver(http, id);

        var task = await trainer.NextTask();
        Assert.Equal(("rollout", 1L, 0, 0L), (task.Kind, task.Lease!.Step, task.Lease.Round, task.Lease.PolicyVersion));
        var groups = trainer.Groups(task);

        var outside = await Problem.ReadInvalid(await trainer.ReportGroups(task.Lease.Id,
            [groups[0] with { PromptId = "addition/1#nope" }]), "groups[0].promptId");
        Assert.Contains("addition/1#nope", outside.Errors["groups[0].promptId"][0], StringComparison.Ordinal);
        await Problem.ReadInvalid(await trainer.ReportGroups(task.Lease.Id,
            [groups[0] with { Completions = [.. groups[0].Completions.Skip(1)] }]), "groups[0].completions");
        await Problem.ReadInvalid(await trainer.ReportGroups(task.Lease.Id,
            [groups[0] with { Completions = [groups[0].Completions[0] with { Reward = null }, .. groups[0].Completions.Skip(1)] }]),
            "groups[0].completions");
        await Problem.Read(await trainer.ReportGroups("s1-r0-99", groups), HttpStatusCode.NotFound);

        // Nothing of the refused reports was kept: the whole lease is still to report, then a retry is a duplicate.
        var first = await ApiJsonText.Read<LeaseReceiptInfo>(await trainer.ReportGroups(task.Lease.Id, groups));
        Assert.Equal((groups.Count, 0, 0), (first.Accepted, first.Duplicates, first.Remaining));
        var again = await ApiJsonText.Read<LeaseReceiptInfo>(await trainer.ReportGroups(task.Lease.Id, groups));
        Assert.Equal((0, groups.Count, 0), (again.Accepted, again.Duplicates, again.Remaining));

        // Work the step through to its update; a wrong version is refused, a repeated update changes nothing.
        TrainerTaskInfo next;
        while ((next = await trainer.NextTask()).Kind != "update")
        {
            Assert.Equal("rollout", next.Kind);
            await ApiJsonText.Read<LeaseReceiptInfo>(await trainer.ReportGroups(next.Lease!.Id, trainer.Groups(next)));
        }
        Assert.Equal((1L, 0L), (next.Update!.Step, next.Update.PolicyVersion));
        await Problem.ReadInvalid(await trainer.ReportUpdate(ExternalTrainerDriver.UpdateOf(1) with { PolicyVersion = 5 }), "policyVersion");
        await Problem.Read(await trainer.ReportUpdate(ExternalTrainerDriver.UpdateOf(2)), HttpStatusCode.Conflict);
        Assert.False((await ApiJsonText.Read<UpdateReceiptInfo>(await trainer.ReportUpdate(ExternalTrainerDriver.UpdateOf(1)))).Duplicate);
        Assert.True((await ApiJsonText.Read<UpdateReceiptInfo>(await trainer.ReportUpdate(ExternalTrainerDriver.UpdateOf(1)))).Duplicate);

        await Poll.Campaign(fixture.Client, id, c => c.Step >= 1);
        var metrics = await fixture.Client.GetMetricsAsync(id);
        Assert.Equal(ExternalTrainerDriver.UpdateOf(1).Loss, Assert.Single(metrics).Metric("loss"));
        // The first lease, from a round now closed, is a duplicate however often it comes again.
        var late = await ApiJsonText.Read<LeaseReceiptInfo>(await trainer.ReportGroups(task.Lease.Id, groups));
        Assert.Equal((0, groups.Count), (late.Accepted, late.Duplicates));
        await fixture.Client.StopAsync(id);
    }

    [Fact]
    public async Task ALateRetryOfALeaseIsADuplicateAfterHundredsOfLeasesClosedAndAnUnservedLeaseIsUnknown()
    {
        const string id = "external-late-retry";
        using var http = fixture.Silo.CreateHttpClient();
        // Leases of one prompt, 64 fresh prompts a step (no replay): more than 256 leases over the campaign (issue 28).
        var yaml = ApiCampaigns.With("prompts_per_step: 4\n", "prompts_per_step: 64\n",
            ApiCampaigns.With("pool_size: 40\n", "pool_size: 400\n",
                ApiCampaigns.With("replay:\n  enabled: true\n", "replay:\n  enabled: false\n", ExternalTrainerFixture.Campaign(leasePrompts: 1))));
        await fixture.Client.CreateCampaignAsync(new CreateCampaignRequest(id, yaml));
        var trainer = new ExternalTrainerDriver(http, id);
        var first = await trainer.NextTask();
        var firstGroups = trainer.Groups(first);
        await ApiJsonText.Read<LeaseReceiptInfo>(await trainer.ReportGroups(first.Lease!.Id, firstGroups));

        var leases = 1;
        var last = first;
        var deadline = DateTime.UtcNow + Timeout;
        TrainerTaskInfo task;
        while ((task = await trainer.NextTask()).Kind != "done")
        {
            Assert.True(DateTime.UtcNow < deadline, $"campaign '{id}' was not done within {Timeout}");
            if (task.Kind == "rollout")
            {
                (leases, last) = (leases + 1, task);
            }
            await trainer.Do(task);
        }
        Assert.True(leases > 256, $"{leases} rollout leases");

        // The first lease's step is behind the checkpoints, the last one's is not: both retries are duplicates.
        foreach (var (lease, groups) in new[] { (first.Lease.Id, firstGroups), (last.Lease!.Id, trainer.Groups(last)) })
        {
            var late = await ApiJsonText.Read<LeaseReceiptInfo>(await trainer.ReportGroups(lease, groups));
            Assert.Equal((0, groups.Count), (late.Accepted, late.Duplicates));
        }
        var unserved = $"s{last.Lease.Step}-r{last.Lease.Round}-999";
        await Problem.Read(await trainer.ReportGroups(unserved, trainer.Groups(last)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AReportAskingForTheNextTaskBringsItAndABadAskChangesNothing()
    {
        const string id = "external-next";
        using var http = fixture.Silo.CreateHttpClient();
        await fixture.Client.CreateCampaignAsync(new CreateCampaignRequest(id, ExternalTrainerFixture.Campaign()));
        var trainer = new ExternalTrainerDriver(http, id);
        var task = await trainer.NextTask();
        var groups = trainer.Groups(task);

        // Refused before the report is applied: all of it is still to report afterwards.
        await Problem.ReadInvalid(await trainer.ReportGroups(task.Lease!.Id, groups, new TrainerTaskRequest("driver", 99)), "next.waitSeconds");

        // Each report's answer brings the next task: the round's next lease, then, the round reported, the step's update.
        var ask = new TrainerTaskRequest("driver", 10);
        var receipt = await ApiJsonText.Read<LeaseReceiptInfo>(await trainer.ReportGroups(task.Lease.Id, groups, ask));
        Assert.Equal((groups.Count, 0), (receipt.Accepted, receipt.Duplicates));
        var next = receipt.Next!;
        while (next.Kind == "rollout")
        {
            Assert.Equal(1L, next.Lease!.Step);
            next = (await ApiJsonText.Read<LeaseReceiptInfo>(await trainer.ReportGroups(next.Lease.Id, trainer.Groups(next), ask))).Next!;
        }
        Assert.Equal(("update", 1L), (next.Kind, next.Update!.Step));
        var updated = await ApiJsonText.Read<UpdateReceiptInfo>(
            await trainer.ReportUpdate(ExternalTrainerDriver.UpdateOf(1) with { Next = ask }));
        Assert.False(updated.Duplicate);
        Assert.Equal(("rollout", 2L, 1L), (updated.Next!.Kind, updated.Next.Lease!.Step, updated.Next.Lease.PolicyVersion));
        // It is the lease the trainer holds: asking again gives the same one.
        Assert.Equal(updated.Next.Lease.Id, (await trainer.NextTask(0)).Lease!.Id);
        await fixture.Client.StopAsync(id);
    }

    [Fact]
    public async Task AnExpiredLeaseGoesOutAgainToTheNextTrainerAndItsOldIdIsGone()
    {
        const string id = "external-expiry";
        using var http = fixture.Silo.CreateHttpClient();
        await fixture.Client.CreateCampaignAsync(new CreateCampaignRequest(id, ExternalTrainerFixture.Campaign(leaseSeconds: 1)));
        var slow = new ExternalTrainerDriver(http, id, "slow");
        var quick = new ExternalTrainerDriver(http, id, "quick");

        var taken = await slow.NextTask();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        TrainerTaskInfo again;
        // The round's other leases come first; the expired one then goes out again under a new id.
        while ((again = await quick.NextTask()).Lease!.Prompts.Select(p => p.PromptId).SequenceEqual(taken.Lease!.Prompts.Select(p => p.PromptId)) is false)
        {
            await ApiJsonText.Read<LeaseReceiptInfo>(await quick.ReportGroups(again.Lease.Id, quick.Groups(again)));
        }
        Assert.NotEqual(taken.Lease.Id, again.Lease.Id);

        var gone = await Problem.Read(await slow.ReportGroups(taken.Lease.Id, slow.Groups(taken)), HttpStatusCode.Gone);
        Assert.Contains(again.Lease.Id, gone.Detail, StringComparison.Ordinal);
        await ApiJsonText.Read<LeaseReceiptInfo>(await quick.ReportGroups(again.Lease.Id, quick.Groups(again)));
        await fixture.Client.StopAsync(id);
    }

    [Fact]
    public async Task APauseWhileTheStepWaitsForItsTrainerIsPromptAndResumingKeepsWhatWasReported()
    {
        const string id = "external-pause";
        using var http = fixture.Silo.CreateHttpClient();
        await fixture.Client.CreateCampaignAsync(new CreateCampaignRequest(id, ExternalTrainerFixture.Campaign()));
        var trainer = new ExternalTrainerDriver(http, id);
        await trainer.Do(await trainer.NextTask());

        // Step 1 waits for the rest of its round; the pause does not wait with it, and no work goes out meanwhile.
        var paused = await fixture.Client.PauseAsync(id);
        Assert.Equal(("Paused", 0L), (paused.Status, paused.Step));
        Assert.Equal("wait", (await trainer.NextTask(waitSeconds: 1)).Kind);

        await fixture.Client.ResumeAsync(id);
        await trainer.RunToTheEnd(Timeout);
        var campaign = await fixture.Client.GetCampaignAsync(id);
        Assert.True(campaign.Status == "Completed", $"{campaign.Status}: {campaign.Error}");
        // The group reported before the pause counts once, like every other.
        Assert.Equal(trainer.TokensReported, (await fixture.Client.GetMetricsAsync(id)).Sum(m => m.Metric("tokens")));
    }

    [Fact]
    public async Task AStepsUpdateGoesToOneTrainerOfSeveral()
    {
        const string id = "external-update";
        using var http = fixture.Silo.CreateHttpClient();
        await fixture.Client.CreateCampaignAsync(new CreateCampaignRequest(id, ExternalTrainerFixture.Campaign()));
        var first = new ExternalTrainerDriver(http, id, "first");
        var second = new ExternalTrainerDriver(http, id, "second");

        TrainerTaskInfo task;
        while ((task = await first.NextTask()).Kind != "update")
        {
            await first.Do(task);
        }
        // The other trainer gets nothing to do; the one holding the update gets it again if it asks again.
        Assert.Equal("wait", (await second.NextTask(waitSeconds: 0)).Kind);
        var again = await first.NextTask(waitSeconds: 0);
        Assert.Equal(("update", 1L), (again.Kind, again.Update?.Step));
        await first.Do(task);
        Assert.NotEqual("update", (await second.NextTask()).Kind);
        await fixture.Client.StopAsync(id);
    }

    [Fact]
    public async Task ACampaignWithTheBuiltInTrainerHasNoTrainerTasks()
    {
        using var http = fixture.Silo.CreateHttpClient();
        await fixture.Client.CreateCampaignAsync(new CreateCampaignRequest("builtin", ApiCampaigns.Tiny, Start: false));
        var trainer = new ExternalTrainerDriver(http, "builtin");
        await Problem.Read(await http.PostAsync(trainer.Path("tasks"), null), HttpStatusCode.Conflict);
        await Problem.Read(await http.PostAsync("api/v1/campaigns/nobody/trainer/tasks", null), HttpStatusCode.NotFound);
    }
}
