using Rlvr.Training.Campaigns;

namespace Rlvr.Training.Tests.Campaigns;

public sealed class CampaignLifecycleTests
{
    /// <summary>The whole table, as docs/lifecycle.md shows it: the target status, or null for a refusal.</summary>
    public static TheoryData<CampaignStatus, CampaignAction, CampaignStatus?> Table() => new()
    {
        { CampaignStatus.Created, CampaignAction.Start, CampaignStatus.Running },
        { CampaignStatus.Created, CampaignAction.Pause, null },
        { CampaignStatus.Created, CampaignAction.Resume, null },
        { CampaignStatus.Created, CampaignAction.Stop, CampaignStatus.Stopped },
        { CampaignStatus.Running, CampaignAction.Start, CampaignStatus.Running },
        { CampaignStatus.Running, CampaignAction.Pause, CampaignStatus.Paused },
        { CampaignStatus.Running, CampaignAction.Resume, CampaignStatus.Running },
        { CampaignStatus.Running, CampaignAction.Stop, CampaignStatus.Stopped },
        { CampaignStatus.Paused, CampaignAction.Start, null },
        { CampaignStatus.Paused, CampaignAction.Pause, CampaignStatus.Paused },
        { CampaignStatus.Paused, CampaignAction.Resume, CampaignStatus.Running },
        { CampaignStatus.Paused, CampaignAction.Stop, CampaignStatus.Stopped },
        { CampaignStatus.Failed, CampaignAction.Start, null },
        { CampaignStatus.Failed, CampaignAction.Pause, null },
        { CampaignStatus.Failed, CampaignAction.Resume, CampaignStatus.Running },
        { CampaignStatus.Failed, CampaignAction.Stop, CampaignStatus.Stopped },
        { CampaignStatus.Completed, CampaignAction.Start, null },
        { CampaignStatus.Completed, CampaignAction.Pause, null },
        { CampaignStatus.Completed, CampaignAction.Resume, null },
        { CampaignStatus.Completed, CampaignAction.Stop, null },
        { CampaignStatus.Stopped, CampaignAction.Start, null },
        { CampaignStatus.Stopped, CampaignAction.Pause, null },
        { CampaignStatus.Stopped, CampaignAction.Resume, null },
        { CampaignStatus.Stopped, CampaignAction.Stop, CampaignStatus.Stopped },
        { CampaignStatus.Creating, CampaignAction.Start, null },
        { CampaignStatus.Creating, CampaignAction.Stop, null },
        { CampaignStatus.None, CampaignAction.Start, null },
        { CampaignStatus.Created, CampaignAction.Delete, CampaignStatus.None },
        { CampaignStatus.Running, CampaignAction.Delete, null },
        { CampaignStatus.Paused, CampaignAction.Delete, CampaignStatus.None },
        { CampaignStatus.Failed, CampaignAction.Delete, CampaignStatus.None },
        { CampaignStatus.Completed, CampaignAction.Delete, CampaignStatus.None },
        { CampaignStatus.Stopped, CampaignAction.Delete, CampaignStatus.None },
        { CampaignStatus.Creating, CampaignAction.Delete, null },
        { CampaignStatus.None, CampaignAction.Delete, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void EachStatusAndActionHasOneOutcome(CampaignStatus status, CampaignAction action, CampaignStatus? target)
    {
        var transition = CampaignLifecycle.Decide(status, action);

        Assert.Equal(target, transition.Target);
        Assert.Equal(target is not null, transition.Allowed);
        Assert.Equal(target is { } t && t != status, transition.Changes);
        if (target is null)
        {
            Assert.StartsWith($"cannot {action.ToString().ToLowerInvariant()} a {status} campaign: ", transition.Refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void APausedCampaignIsToldToResumeAndAFinishedOneThatItHasFinished()
    {
        Assert.Equal("cannot start a Paused campaign: resume it instead (from its last checkpoint)",
            CampaignLifecycle.Decide(CampaignStatus.Paused, CampaignAction.Start).Refusal);
        Assert.Equal("cannot pause a Completed campaign: it has finished its steps",
            CampaignLifecycle.Decide(CampaignStatus.Completed, CampaignAction.Pause).Refusal);
    }
}
