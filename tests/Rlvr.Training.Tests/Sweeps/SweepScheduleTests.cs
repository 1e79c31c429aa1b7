using Rlvr.Training.Sweeps;
using static Rlvr.Training.Campaigns.CampaignStatus;

namespace Rlvr.Training.Tests.Sweeps;

public class SweepScheduleTests
{
    [Fact]
    public void AFreshSweepCreatesItsFirstCampaignAndTheNextOnceThatOneIsCreatedUpToItsConcurrency()
    {
        var schedule = SweepSchedule.Of([None, None, None, None], 2);

        Assert.Equal([0], schedule.Create);
        // One creation at a time (the first trains the shared warm start), then up to the concurrency.
        Assert.Empty(SweepSchedule.Of([Creating, None, None, None], 2).Create);
        Assert.Equal([1], SweepSchedule.Of([Running, None, None, None], 2).Create);
        Assert.Empty(SweepSchedule.Of([Running, Running, None, None], 2).Create);
        Assert.Empty(schedule.Start);
        Assert.False(schedule.Done);
    }

    [Fact]
    public void CampaignsInProgressHoldTheirPlacesAndEndedOnesFreeThem()
    {
        // Creating, created, running and paused hold places; completed, failed and stopped do not.
        Assert.Empty(SweepSchedule.Of([Creating, Created, Running, Paused, None], 4).Create);
        Assert.Equal([4], SweepSchedule.Of([Completed, Failed, Stopped, Running, None, None], 2).Create);
        Assert.Equal([3], SweepSchedule.Of([Completed, Running, Completed, None, Completed, None], 3).Create);
    }

    [Fact]
    public void CreatedCampaignsAreStarted()
    {
        var schedule = SweepSchedule.Of([Created, Running, Created, None], 3);

        Assert.Equal([0, 2], schedule.Start);
        Assert.Empty(schedule.Create);
    }

    [Fact]
    public void ASweepIsDoneWhenEveryCampaignHasEnded()
    {
        Assert.True(SweepSchedule.Of([Completed, Failed, Stopped], 1).Done);
        Assert.False(SweepSchedule.Of([Completed, Paused], 1).Done);
        Assert.False(SweepSchedule.Of([Completed, None], 1).Done);
    }

    [Fact]
    public void AfterARestartACreationCutShortIsCreatedAgain()
    {
        // A crash during a creation leaves no campaign (None); the running one keeps its place.
        Assert.Equal([1], SweepSchedule.Of([Running, None, None], 2).Create);
    }
}
