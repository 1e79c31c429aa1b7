using Rlvr.Training.Curriculum;
using Rlvr.Training.Filters;

namespace Rlvr.Training.Tests.Curriculum;

public class GroupFilterTests
{
    [Fact]
    public void DynamicSamplingKeepsOnlyMixedGroups()
    {
        var filter = new DynamicSamplingFilter();
        Assert.Equal(GroupVerdict.TooHard, filter.Judge(Fixtures.Group("a#0", 0, 0, 0, 0, 0)));
        Assert.Equal(GroupVerdict.TooEasy, filter.Judge(Fixtures.Group("a#0", 0, 1, 1, 1, 1)));
        Assert.Equal(GroupVerdict.Kept, filter.Judge(Fixtures.Group("a#0", 0, 0, 0, 0, 1)));
        Assert.Equal(GroupVerdict.Kept, filter.Judge(Fixtures.Group("a#0", 0, 1)));
    }

    [Fact]
    public void BalancedKeepsTheInclusiveBand()
    {
        var filter = new BalancedFilter(0.25, 0.75);
        Assert.Equal(GroupVerdict.Kept, filter.Judge(Fixtures.Group("a#0", 0, 1, 0, 0, 0)));
        Assert.Equal(GroupVerdict.Kept, filter.Judge(Fixtures.Group("a#0", 0, 1, 1, 1, 0)));
        Assert.Equal(GroupVerdict.TooHard, filter.Judge(Fixtures.Group("a#0", 0, 1, 0, 0, 0, 0, 0, 0, 0)));
        Assert.Equal(GroupVerdict.TooEasy, filter.Judge(Fixtures.Group("a#0", 0, 1, 1, 1, 1, 1, 1, 1, 0)));
    }

    [Fact]
    public void AccumulatorRefillsAndCarriesTheSurplusToTheNextStep()
    {
        var accumulator = new BatchAccumulator(new DynamicSamplingFilter(), batchSize: 3, maxRounds: 5, oversample: 1.5);
        accumulator.BeginStep(0);
        Assert.Equal(5, accumulator.PromptsForNextRound);
        accumulator.AddRound([Fixtures.Group("a#0", 0, 1, 0), Fixtures.Group("a#1", 0, 0, 0), Fixtures.Group("a#2", 0, 0, 1), Fixtures.Group("a#3", 0, 1, 1)]);
        Assert.Equal(1, accumulator.Missing);
        Assert.Equal(2, accumulator.PromptsForNextRound);
        accumulator.AddRound([Fixtures.Group("a#4", 0, 1, 0), Fixtures.Group("a#5", 0, 1, 0), Fixtures.Group("a#6", 0, 0, 1)]);
        Assert.Equal(["a#0", "a#2", "a#4"], accumulator.TakeBatch().Select(g => g.PromptId));
        Assert.Equal(["a#5", "a#6"], accumulator.Carried.Select(g => g.PromptId));
        Assert.Equal(2, accumulator.CarriedTotal);

        accumulator.BeginStep(1);
        Assert.Equal(2, accumulator.FromCarried);
        Assert.Equal(1, accumulator.Missing);
        Assert.Empty(accumulator.Carried);
    }

    [Fact]
    public void ReplayedGroupsShrinkTheFreshBatchAndEveryGeneratedGroupIsTrainedCarriedOrCountedAsDropped()
    {
        var accumulator = new BatchAccumulator(new DynamicSamplingFilter(), batchSize: 4, maxRounds: 5, oversample: 1.5);
        accumulator.BeginStep(0, replayed: 2);
        Assert.Equal(2, accumulator.Missing);
        Assert.Equal(3, accumulator.PromptsForNextRound);
        accumulator.AddRound([Fixtures.Group("a#0", 0, 1, 0), Fixtures.Group("a#1", 0, 0, 0), Fixtures.Group("a#2", 0, 0, 1)]);
        Assert.Equal(["a#0", "a#2"], accumulator.TakeBatch().Select(g => g.PromptId));
        Assert.Empty(accumulator.Carried);
        Assert.Equal((1, 1L), (accumulator.RejectedThisStep, accumulator.DroppedTotal));

        accumulator.BeginStep(1, replayed: 3);
        accumulator.AddRound([Fixtures.Group("a#3", 1, 1, 0), Fixtures.Group("a#4", 1, 1, 1), Fixtures.Group("a#5", 1, 0, 1)]);
        Assert.Equal(["a#3"], accumulator.TakeBatch().Select(g => g.PromptId));
        Assert.Equal(["a#5"], accumulator.Carried.Select(g => g.PromptId));
        // 6 generated: 3 trained, 1 carried, 2 dropped.
        Assert.Equal((1, 2L), (accumulator.RejectedThisStep, accumulator.DroppedTotal));

        // A batch replayed whole takes no fresh group; the carried one waits for the next step that has room.
        accumulator.BeginStep(2, replayed: 4);
        Assert.Equal(0, accumulator.Missing);
        Assert.Empty(accumulator.TakeBatch());
        Assert.Equal(["a#5"], accumulator.Carried.Select(g => g.PromptId));
        Assert.Throws<ArgumentOutOfRangeException>(() => accumulator.BeginStep(3, replayed: 5));
    }

    [Fact]
    public void CarriedGroupsSurviveACheckpoint()
    {
        var accumulator = new BatchAccumulator(new NoFilter(), batchSize: 1, maxRounds: 1);
        accumulator.BeginStep(0);
        accumulator.AddRound([Fixtures.Group("a#0", 3, 1, 0), Fixtures.Group("a#1", 3, 0, 1)]);
        var restored = new BatchAccumulator(new NoFilter(), batchSize: 1, maxRounds: 1);
        restored.ImportState(accumulator.ExportState());
        restored.BeginStep(1);
        Assert.True(restored.IsFull);
        Assert.Equal([-0.5f, -0.25f], restored.TakeBatch()[0].Rollouts[0].BehaviorLogProbs);
        Assert.Equal(1, restored.CarriedTotal);
    }

    [Fact]
    public void CapFailsTheStepSayingTheDataIsTooHard()
    {
        var accumulator = new BatchAccumulator(new DynamicSamplingFilter(), batchSize: 3, maxRounds: 2);
        accumulator.BeginStep(7);
        accumulator.AddRound([Fixtures.Group("a#0", 0, 0, 0), Fixtures.Group("a#1", 0, 0, 0)]);
        var error = Assert.Throws<GenerationCapExceededException>(() =>
            accumulator.AddRound([Fixtures.Group("a#2", 0, 0, 0), Fixtures.Group("a#3", 0, 1, 0), Fixtures.Group("a#4", 0, 1, 1)]));
        Assert.Contains("step 7: after 2 generation rounds only 1 of 3 groups passed the 'dynamic' filter", error.Message);
        Assert.Contains("too hard", error.Message);
        Assert.Contains("0.00 x3, 0.50 x1, 1.00 x1", error.Message);
    }

    [Fact]
    public void CapFailsTheStepSayingTheDataIsTooEasy()
    {
        var accumulator = new BatchAccumulator(new BalancedFilter(0.2, 0.8), batchSize: 2, maxRounds: 1);
        accumulator.BeginStep(0);
        var error = Assert.Throws<GenerationCapExceededException>(() =>
            accumulator.AddRound([Fixtures.Group("a#0", 0, 1, 1, 1, 1, 1, 1), Fixtures.Group("a#1", 0, 1, 1, 1, 1, 1, 0)]));
        Assert.Contains("too easy", error.Message);
        Assert.Contains("0.83 x1, 1.00 x1", error.Message);
    }
}
