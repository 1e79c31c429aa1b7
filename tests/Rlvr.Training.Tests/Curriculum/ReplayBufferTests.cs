using Rlvr.Training.Determinism;
using Rlvr.Training.Replay;

namespace Rlvr.Training.Tests.Curriculum;

public class ReplayBufferTests
{
    [Fact]
    public void AdmitsOnlyInformativeGroupsKeepingTheNewestPerPrompt()
    {
        var buffer = new ReplayBuffer(new ReplayOptions(Capacity: 10));
        buffer.Add([Fixtures.Group("a#0", 0, 1, 0), Fixtures.Group("a#1", 0, 0, 0), Fixtures.Group("a#2", 0, 1, 1)]);
        buffer.Add([Fixtures.Group("a#0", 1, 0, 1, 1)]);
        var stored = Assert.Single(buffer.Groups);
        Assert.Equal(1, stored.PolicyVersion);
        Assert.Equal(3, stored.Rollouts.Count);
    }

    [Fact]
    public void CapacityEvictsTheOldest()
    {
        var buffer = new ReplayBuffer(new ReplayOptions(Capacity: 2));
        buffer.Add([Fixtures.Group("a#0", 0, 1, 0), Fixtures.Group("a#1", 0, 1, 0), Fixtures.Group("a#2", 0, 1, 0)]);
        Assert.Equal(["a#1", "a#2"], buffer.Groups.Select(g => g.PromptId));
    }

    [Fact]
    public void DrawsTheReplayedShareWithStoredBehaviorLogProbsAndAdvantages()
    {
        var buffer = new ReplayBuffer(new ReplayOptions(Capacity: 16, FreshFraction: 0.25));
        buffer.Add(Enumerable.Range(0, 12).Select(i => Fixtures.Group($"a#{i}", 2, 1, 0, 0)));
        var drawn = buffer.Draw(batchSize: 10, policyVersion: 3, new DeterministicRng(1));
        Assert.Equal(7, drawn.Count); // floor((1 - 0.25) * 10)
        Assert.Equal(7, drawn.Select(g => g.PromptId).Distinct().Count());
        Assert.All(drawn, g =>
        {
            Assert.Equal(2, g.PolicyVersion);
            Assert.Equal([-1.5f, -0.25f], g.Rollouts[1].BehaviorLogProbs);
            Assert.Equal(2 / 3.0 / (Math.Sqrt(1 / 3.0) + 1e-6), g.Rollouts[0].Advantage, 9);
        });
        Assert.Equal(12, buffer.Groups.Count);
    }

    [Fact]
    public void GroupsOlderThanTheStalenessBoundAreNotReplayed()
    {
        var buffer = new ReplayBuffer(new ReplayOptions(Capacity: 8, FreshFraction: 0, MaxStaleness: 4));
        buffer.Add([Fixtures.Group("a#0", 0, 1, 0), Fixtures.Group("a#1", 1, 1, 0), Fixtures.Group("a#2", 5, 1, 0)]);
        var drawn = buffer.Draw(batchSize: 8, policyVersion: 5, new DeterministicRng(2));
        Assert.Equal(["a#1", "a#2"], drawn.Select(g => g.PromptId).Order());
        Assert.DoesNotContain(buffer.Groups, g => g.PromptId == "a#0");
    }

    [Fact]
    public void StateRoundTripsThroughJson()
    {
        var buffer = new ReplayBuffer(new ReplayOptions());
        buffer.Add([Fixtures.Group("a#0", 0, 1, 0), Fixtures.Group("a#1", 0, 0, 1)]);
        var restored = new ReplayBuffer(new ReplayOptions());
        restored.ImportState(buffer.ExportState());
        Assert.Equal(buffer.ExportState(), restored.ExportState());
        Assert.Equal(
            buffer.Draw(4, 0, new DeterministicRng(3)).Select(g => g.PromptId),
            restored.Draw(4, 0, new DeterministicRng(3)).Select(g => g.PromptId));
    }

    [Fact]
    public void EachDrawIsCountedOnTheStoredGroupAndSurvivesACheckpoint()
    {
        var buffer = new ReplayBuffer(new ReplayOptions(Capacity: 8, FreshFraction: 0));
        buffer.Add([Fixtures.Group("a#0", 0, 1, 0), Fixtures.Group("a#1", 0, 1, 0), Fixtures.Group("a#2", 0, 1, 0)]);
        Assert.All(buffer.Draw(batchSize: 2, policyVersion: 1, new DeterministicRng(4)), g => Assert.Equal(1, g.Replays));
        var restored = new ReplayBuffer(new ReplayOptions(Capacity: 8, FreshFraction: 0));
        restored.ImportState(buffer.ExportState());

        var second = restored.Draw(batchSize: 3, policyVersion: 2, new DeterministicRng(5));
        Assert.Equal([1, 2, 2], second.Select(g => g.Replays).Order());
        Assert.Equal(second.Select(g => (g.PromptId, g.Replays)).OrderBy(x => x.PromptId), restored.Groups.Select(g => (g.PromptId, g.Replays)));
        Assert.Equal([0.5, 1 / 3.0, 1 / 3.0], second.Select(g => g.StepScale).OrderDescending());
    }
}
