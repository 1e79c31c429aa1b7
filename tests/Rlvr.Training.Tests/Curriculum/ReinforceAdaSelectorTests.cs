using Rlvr.Training.Curriculum;
using Rlvr.Training.Determinism;

namespace Rlvr.Training.Tests.Curriculum;

public class ReinforceAdaSelectorTests
{
    private static readonly ReinforceAdaOptions Small = new(N: 4, M: 4, RMax: 3, Tau: 0.7, Exit: ReinforceAdaExit.Balanced);

    [Fact]
    public void BalancedPromptsLeaveOnceTheyHaveHalfAndHalfAndKeepNWithAdvantagesFromAllTheirResponses()
    {
        // A pool of 3 and 3 groups: the step's prompts are the pool.
        var selector = new ReinforceAdaSelector(Fixtures.Catalog(("a", 3)), Small, scaleByStd: true);
        double[][][] rewards =
        [
            [[1, 0, 0, 0], [0, 1, 0, 0]],        // a#0: 1+ 3- after round 0, 2+ 6- after round 1: done
            [[1, 1, 0, 0]],                      // a#1: 2+ 2- at once: done after round 0
            [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]], // a#2: never solved, unfinished after R_max = 3 rounds
        ];

        var run = RoundDriver.Step(selector, 1, 3, (id, round, _) => rewards[RoundDriver.Index(id)][round]);

        Assert.Equal([["a#0", "a#1", "a#2"], ["a#0", "a#2"], ["a#2"]], run.Rounds.Select(RoundDriver.Ids));
        Assert.All(run.Rounds.SelectMany(r => r.Prompts), p => Assert.Equal(4, p.Rollouts));
        var trained = run.Trained.ToDictionary(g => g.PromptId);
        Assert.Equal(["a#0", "a#1", "a#2"], trained.Keys.Order());
        Assert.All(run.Trained, g => Assert.Equal(4, g.Rollouts.Count));
        // a#0 keeps 2 positives and 2 of its 6 negatives. Global statistics over its 8 responses: mean 2/8 = 0.25, Bessel
        // std sqrt((2 * 0.75^2 + 6 * 0.25^2) / 7) = sqrt(1.5 / 7) = 0.462910, so A(1) = 0.75 / 0.462910 = 1.620185 and
        // A(0) = -0.25 / 0.462910 = -0.540062 (over the kept 4 alone they would be +-0.866025).
        var a0 = trained["a#0"];
        Assert.Equal(2, a0.Rollouts.Count(r => r.Reward == 1));
        Assert.All(a0.Rollouts, r => Assert.Equal(r.Reward == 1 ? 1.620185 : -0.540062, r.Advantage, 5));
        // a#1 keeps all 4: mean 0.5, std sqrt(4 * 0.25 / 3) = 0.577350, A = +-0.866025.
        Assert.Equal([1, 1, 0, 0], trained["a#1"].Rollouts.Select(r => r.Reward));
        Assert.All(trained["a#1"].Rollouts, r => Assert.Equal(r.Reward == 1 ? 0.866025 : -0.866025, r.Advantage, 5));
        // a#2 keeps 4 of its 12 failures, all with advantage 0.
        Assert.All(trained["a#2"].Rollouts, r => Assert.Equal((0.0, 0.0), (r.Reward, r.Advantage)));

        var prompts = selector.View().Prompts.ToDictionary(p => p.PromptId);
        Assert.Equal((8, "balanced after 2 rounds: 2 positive, 6 negative; kept 2 + 2"), (prompts["a#0"].Budget, prompts["a#0"].Reason));
        Assert.Equal((12, "unfinished after R_max = 3 rounds: 0 positive, 12 negative; kept 0 + 4"), (prompts["a#2"].Budget, prompts["a#2"].Reason));
    }

    [Fact]
    public void PositiveFocusedPromptsLeaveAtTheirFirstRewardAboveTau()
    {
        var selector = new ReinforceAdaSelector(Fixtures.Catalog(("a", 2)), Small with { Exit = ReinforceAdaExit.PositiveFocused }, scaleByStd: false);
        double[][][] rewards =
        [
            [[0, 0, 0, 0], [0, 0, 1, 0]],                            // a#0: first positive in round 1
            [[0.7, 0.7, 0.7, 0.7], [0.7, 0.7, 0.7, 0.7], [0.7, 0, 0, 0]], // a#1: 0.7 is not above tau = 0.7: never positive
        ];

        var run = RoundDriver.Step(selector, 1, 2, (id, round, _) => rewards[RoundDriver.Index(id)][round], scaleByStd: false);

        Assert.Equal(3, run.Rounds.Count);
        // a#0 keeps its one positive and 3 of 7 negatives; r - mean over all 8 (Dr. GRPO): mean 1/8, A(1) = 0.875, A(0) = -0.125.
        var a0 = run.Trained.Single(g => g.PromptId == "a#0");
        Assert.Equal(1, a0.Rollouts.Count(r => r.Reward == 1));
        Assert.All(a0.Rollouts, r => Assert.Equal(r.Reward == 1 ? 0.875 : -0.125, r.Advantage, 12));
        // a#1 keeps 4 negatives; over its 12 responses (nine 0.7, three 0) the mean is 6.3 / 12 = 0.525, so a kept 0.7 has
        // advantage 0.175 and a kept 0 has -0.525.
        Assert.All(run.Trained.Single(g => g.PromptId == "a#1").Rollouts, r => Assert.Equal(r.Reward == 0.7 ? 0.175 : -0.525, r.Advantage, 12));
        Assert.Equal("unfinished after R_max = 3 rounds: 0 positive, 12 negative; kept 0 + 4",
            selector.View().Prompts.Single(p => p.PromptId == "a#1").Reason);
    }

    [Fact]
    public void APoolSmallerThanTheStepIsAClearError()
    {
        var selector = new ReinforceAdaSelector(Fixtures.Catalog(("a", 3)), Small, scaleByStd: true);

        var error = Assert.Throws<InvalidOperationException>(() => selector.Begin(1, 4, new DeterministicRng(1)));

        Assert.Equal(
            "strategy 'reinforce-ada' rolls out 4 distinct prompts a step, but the training pool has only 3: lower grpo.prompts_per_step or add prompts.",
            error.Message);
    }

    [Fact]
    public void TheSameSeedGivesTheSameRoundsAndGroupsAndAnotherSeedOthers()
    {
        static RoundDriver.StepRun Run(ulong seed) => RoundDriver.Step(
            new ReinforceAdaSelector(Fixtures.Catalog(("a", 400), ("b", 400)), Small, scaleByStd: true), 5, 8, SpeedRlSelectorTests.Oracle, seed);

        var first = Run(3);

        Assert.Equal(SpeedRlSelectorTests.Describe(first), SpeedRlSelectorTests.Describe(Run(3)));
        Assert.NotEqual(SpeedRlSelectorTests.Describe(first), SpeedRlSelectorTests.Describe(Run(4)));
        Assert.True(first.Rounds.Count > 1);
    }

    [Fact]
    public void ExportedStateRestoresTheViewAndTheNextStepsDecisions()
    {
        var catalog = Fixtures.Catalog(("a", 300));
        var original = new ReinforceAdaSelector(catalog, Small, scaleByStd: true);
        RoundDriver.Step(original, 1, 6, SpeedRlSelectorTests.Oracle);
        var restored = new ReinforceAdaSelector(catalog, Small, scaleByStd: true);

        restored.ImportState(original.ExportState());

        Assert.Equal(SpeedRlSelectorTests.Json(original), SpeedRlSelectorTests.Json(restored));
        Assert.Equal(
            SpeedRlSelectorTests.Describe(RoundDriver.Step(original, 2, 6, SpeedRlSelectorTests.Oracle)),
            SpeedRlSelectorTests.Describe(RoundDriver.Step(restored, 2, 6, SpeedRlSelectorTests.Oracle)));
        Assert.Equal(SpeedRlSelectorTests.Json(original), SpeedRlSelectorTests.Json(restored));
    }
}
