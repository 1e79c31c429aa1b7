using Microsoft.Extensions.DependencyInjection;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Grains;

namespace Rlvr.Grains.Tests.Campaigns;

public sealed class CampaignResumeTests
{
    private const int Steps = 12;

    [Fact]
    public async Task ARunningCampaignKeepsSteppingAfterItsSiloRestartsWithoutAnyoneCallingIt()
    {
        using var stores = new CampaignStores();
        var spec = new CampaignSpec(CampaignGrainTests.TinyCampaign, stores.DataDirectory, stores.DataDirectory, Steps);

        await using (var first = await CampaignSilo.StartAsync(stores))
        {
            var campaign = first.Grains.GetGrain<ICampaignGrain>("resumed");
            await campaign.Create(spec);
            await campaign.Start();
            Assert.NotNull(await first.Services.GetRequiredService<IReminderTable>().ReadRow(campaign.GetGrainId(), CampaignGrain.LoopReminder));
            await WaitFor(async () => (await campaign.GetProgress()).Step >= 2);
            // What the next silo's start-up revives.
            Assert.Equal(["resumed"], await first.Grains.GetGrain<ICampaignRegistryGrain>(ICampaignRegistryGrain.Key).ListRunning());
        }

        // The second silo is only asked about the learner: the campaign grain is activated by the silo's start-up alone. The
        // learner starts from the latest checkpoint (step 1 is always one), behind where the first silo stopped.
        await using var second = await CampaignSilo.StartAsync(stores);
        var learner = second.Grains.GetGrain<ILearnerGrain>("resumed");
        var versionAtRestart = (await learner.GetSnapshot()).Version;
        Assert.InRange(versionAtRestart, 1, Steps - 1);
        // Well within the watchdog reminder's first tick (a minute): the silo's start-up revived the campaign.
        await WaitFor(async () => (await learner.GetSnapshot()).Version == Steps, TimeSpan.FromSeconds(45));

        var progress = await CampaignSilo.WaitUntilDone(second.Grains.GetGrain<ICampaignGrain>("resumed"));
        Assert.True(progress.Status == CampaignStatus.Completed, $"status {progress.Status}: {progress.Error}");
        Assert.Equal(Steps, progress.Step);
        var metrics = await second.Grains.GetGrain<ICampaignGrain>("resumed").GetMetrics(0);
        Assert.Equal(Enumerable.Range(1, Steps).Select(s => (long)s), metrics.Select(m => m.Step));
        // Steps recomputed after the restart are logged once.
        var logged = File.ReadAllLines(Path.Combine(spec.CampaignDirectory("resumed"), CampaignHistory.FileName));
        Assert.Equal(Steps, logged.Length);
        var reminders = second.Services.GetRequiredService<IReminderTable>();
        // The watchdog goes once the campaign is done (its removal follows the completed status, which reads interleave with).
        await WaitFor(async () => await reminders.ReadRow(second.Grains.GetGrain<ICampaignGrain>("resumed").GetGrainId(), CampaignGrain.LoopReminder) is null);
        await WaitFor(async () => (await second.Grains.GetGrain<ICampaignRegistryGrain>(ICampaignRegistryGrain.Key).ListRunning()).Count == 0);
    }

    private static async Task WaitFor(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(50);
        }
    }
}
