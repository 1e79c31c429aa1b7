using Rlvr.Training.Curriculum;
using Rlvr.Training.Determinism;

namespace Rlvr.Training.Tests.Curriculum;

public class PrioritizedSelectorTests
{
    [Fact]
    public void WeightIsOneMinusTrackedSuccessWithAFloor()
    {
        var selector = new PrioritizedSelector(Fixtures.Catalog(("a", 3)), new PrioritizedOptions(Floor: 0.05, Smoothing: 0.5));
        selector.ObserveTraining(0, [Fixtures.Outcome("a#0", [1, 1]), Fixtures.Outcome("a#1", [1, 0, 0, 0])]);
        selector.ObserveTraining(1, [Fixtures.Outcome("a#1", [1, 1, 1, 0])]);
        Assert.Equal(0.05, selector.WeightOf("a#0"));
        Assert.Equal(0.5, selector.WeightOf("a#1"), 12); // s = 0.5 * 0.25 + 0.5 * 0.75
        Assert.Equal(1.0, selector.WeightOf("a#2"));
    }

    [Fact]
    public void DrawsFollowTheWeights()
    {
        var selector = new PrioritizedSelector(Fixtures.Catalog(("a", 2)), new PrioritizedOptions(Floor: 0.05));
        selector.ObserveTraining(0, [Fixtures.Outcome("a#0", [1, 1])]);
        var picks = selector.SelectPrompts(1, 4000, new DeterministicRng(4));
        Assert.InRange(picks.Count(p => p.Id == "a#1") / 4000.0, 0.94, 0.965); // 1 / 1.05
    }

    [Fact]
    public void LedgerCountsAttemptsAndObservedDifficulty()
    {
        var selector = new PrioritizedSelector(Fixtures.Catalog(("a", 2), ("b", 2)), new PrioritizedOptions());
        selector.ObserveTraining(0, [Fixtures.Outcome("a#0", [1, 0, 0, 0]), Fixtures.Outcome("b#1", [1, 1])]);
        selector.ObserveTraining(1, [Fixtures.Outcome("a#0", [1, 1, 0, 0])]);
        var view = selector.View();
        var prompt = view.Prompts.Single(p => p.PromptId == "a#0");
        Assert.Equal(8, prompt.Attempts);
        Assert.Equal(0.5, prompt.ObservedDifficulty);
        var a = view.Distributions.Single(d => d.Name == "a");
        Assert.Equal(8, a.Rollouts);
        Assert.Equal(0.5, a.PassRate);
        Assert.Equal(1.0, view.Distributions.Sum(d => d.Probability!.Value), 12);
    }
}
