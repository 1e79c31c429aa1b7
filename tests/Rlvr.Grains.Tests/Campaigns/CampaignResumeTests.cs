using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Storage.Sqlite;
using Rlvr.Training.Campaigns;

namespace Rlvr.Grains.Tests.Campaigns;

public sealed class CampaignResumeTests
{
    private const int Steps = 12;

    [Fact]
    public async Task ARunningCampaignKeepsSteppingAfterItsSiloRestartsWithoutAnyoneCallingIt()
    {
        using var stores = new CampaignStores();
        var spec = new CampaignSpec(CampaignGrainTests.TinyCampaign, Steps);
        GrainId id;

        await using (var first = await CampaignSilo.StartAsync(stores))
        {
            var campaign = first.Grains.GetGrain<ICampaignGrain>("resumed");
            id = campaign.GetGrainId();
            await campaign.Create(spec);
            await campaign.Start();
            Assert.NotNull(await first.Services.GetRequiredService<IReminderTable>().ReadRow(id, CampaignGrain.LoopReminder));
            await WaitFor(async () => (await campaign.GetProgress()).Step >= 2);
            // What the next silo's start-up revives.
            Assert.Equal(["resumed"], await first.Grains.GetGrain<ICampaignRegistryGrain>(ICampaignRegistryGrain.Key).ListRunning());
        }

        // With the watchdog reminder's next tick an hour out, only the next silo's start-up can revive the campaign.
        var table = new SqliteReminderTable(new SqliteStorageOptions { DatabasePath = stores.Database });
        var watchdog = await table.ReadRow(id, CampaignGrain.LoopReminder);
        Assert.NotNull(watchdog);
        watchdog.StartAt = DateTime.UtcNow.AddHours(1);
        await table.UpsertRow(watchdog);

        // The second silo is only asked about the learner: the campaign grain is activated by the silo's start-up alone,
        // and restores the learner from the latest checkpoint (step 1 is always one), behind where the first silo stopped.
        // Until then the learner holds no policy.
        await using var second = await CampaignSilo.StartAsync(stores);
        var learner = second.Grains.GetGrain<ILearnerGrain>("resumed");
        long? version = null;
        await WaitFor(async () => (version = await Version(learner)) is not null);
        Assert.InRange(version!.Value, 1, Steps);
        await WaitFor(async () => await Version(learner) == Steps);

        var progress = await CampaignSilo.WaitUntilDone(second.Grains.GetGrain<ICampaignGrain>("resumed"));
        Assert.True(progress.Status == CampaignStatus.Completed, $"status {progress.Status}: {progress.Error}");
        Assert.Equal(Steps, progress.Step);
        var metrics = await second.Grains.GetGrain<ICampaignGrain>("resumed").GetMetrics(0);
        Assert.Equal(Enumerable.Range(1, Steps).Select(s => (long)s), metrics.Select(m => m.Step));
        // Steps recomputed after the restart are logged once.
        var logged = File.ReadAllLines(Path.Combine(stores.DataDirectory, "resumed", CampaignHistory.FileName));
        Assert.Equal(Steps, logged.Length);
        var reminders = second.Services.GetRequiredService<IReminderTable>();
        // The watchdog goes once the campaign is done (its removal follows the completed status, which reads interleave with).
        await WaitFor(async () => await reminders.ReadRow(second.Grains.GetGrain<ICampaignGrain>("resumed").GetGrainId(), CampaignGrain.LoopReminder) is null);
        await WaitFor(async () => (await second.Grains.GetGrain<ICampaignRegistryGrain>(ICampaignRegistryGrain.Key).ListRunning()).Count == 0);
    }

    [Fact]
    public async Task GrainsCollectedMidRunAreRestoredByTheCampaignWhichEndsWhereAnUninterruptedRunDoes()
    {
        await using var silo = await CampaignSilo.StartAsync();
        var spec = new CampaignSpec(CampaignGrainTests.TinyCampaign, Steps);
        var uninterrupted = silo.Grains.GetGrain<ICampaignGrain>("uninterrupted");
        await uninterrupted.Create(spec);
        await uninterrupted.Start();
        var expected = await CampaignSilo.WaitUntilDone(uninterrupted);

        var collected = silo.Grains.GetGrain<ICampaignGrain>("collected");
        await collected.Create(spec);
        await collected.Start();
        await WaitFor(async () => (await collected.GetProgress()).Step >= 3);
        // The learner and the curriculum lose everything in memory between two steps; the campaign grain lives on.
        await silo.Grains.GetGrain<ILearnerGrain>("collected").Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await silo.Grains.GetGrain<ICurriculumSchedulerGrain>("collected").Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var actual = await CampaignSilo.WaitUntilDone(collected);

        Assert.True(actual.Status == CampaignStatus.Completed, $"status {actual.Status}: {actual.Error}");
        Assert.Equal(expected.Evaluations.Select(Json), actual.Evaluations.Select(Json));
        Assert.Equal(
            (await uninterrupted.GetMetrics(0)).Select(m => Json(m with { Phases = null! })),
            (await collected.GetMetrics(0)).Select(m => Json(m with { Phases = null! })));
        Assert.Equal(
            (await silo.Grains.GetGrain<ILearnerGrain>("uninterrupted").GetSnapshot()).WeightsHash,
            (await silo.Grains.GetGrain<ILearnerGrain>("collected").GetSnapshot()).WeightsHash);
    }

    [Fact]
    public async Task APausedCampaignsCurriculumIsRestoredForAQueryAfterItsSiloRestarts()
    {
        using var stores = new CampaignStores();
        var spec = new CampaignSpec(CampaignGrainTests.TinyCampaign, Steps);
        string before;
        await using (var first = await CampaignSilo.StartAsync(stores))
        {
            var campaign = first.Grains.GetGrain<ICampaignGrain>("paused");
            await campaign.Create(spec);
            await campaign.Start();
            await WaitFor(async () => (await campaign.GetProgress()).Step >= 2);
            await campaign.Pause();
            before = Json(await campaign.GetCurriculum());
        }

        await using var second = await CampaignSilo.StartAsync(stores);
        var after = Json(await second.Grains.GetGrain<ICampaignGrain>("paused").GetCurriculum());

        Assert.Equal(before, after);
        Assert.Contains("\"Step\":", after);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private static async Task<long?> Version(ILearnerGrain learner)
    {
        try
        {
            return (await learner.GetSnapshot()).Version;
        }
        catch (CampaignRestoreRequiredException)
        {
            return null;
        }
    }

    private static async Task WaitFor(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(50);
        }
    }
}
