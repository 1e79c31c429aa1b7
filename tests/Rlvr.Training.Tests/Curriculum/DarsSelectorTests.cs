using Rlvr.Training.Curriculum;

namespace Rlvr.Training.Tests.Curriculum;

public class DarsSelectorTests
{
    private static readonly DarsOptions Et = new(DarsSchedule.Et, NMax: 32, UpperThreshold: 1.0);

    [Theory]
    // N = 8, a = 0 counts as a = 0.5/8 = 1/16. Without std: S = 2a(1 - a) = 30/256 = 0.1171875, N*S = 0.9375, peak 0.5N = 4.
    // ET: (4 - 0.9375) / 0.1171875 = 26.13 -> 27, capped at N_max - N = 24 (N_max 32) or kept (N_max 64).
    [InlineData(0.0, "et", 32, false, 24)]
    [InlineData(0.0, "et", 64, false, 27)]
    // HW: target 2(1 - a) * 4 = 7.5; (7.5 - 0.9375) / 0.1171875 = 56 exactly -> 56, not 57.
    [InlineData(0.0, "hw", 64, false, 56)]
    // a = 0.25: S = 0.375, N*S = 3. ET: (4 - 3) / 0.375 = 2.67 -> 3. HW: target 2 * 0.75 * 4 = 6; (6 - 3) / 0.375 = 8.
    [InlineData(0.25, "et", 32, false, 3)]
    [InlineData(0.25, "hw", 64, false, 8)]
    // With std: S = 2 sqrt(a(1 - a)) = 2 sqrt(0.1875) = 0.866025, N*S = 6.928203, peak N = 8.
    // ET: (8 - 6.928203) / 0.866025 = 1.24 -> 2. HW: target 2 * 0.75 * 8 = 12; (12 - 6.928203) / 0.866025 = 5.86 -> 6.
    [InlineData(0.25, "et", 32, true, 2)]
    [InlineData(0.25, "hw", 64, true, 6)]
    // a = 0 with std: S = 2 sqrt(15/256) = 0.484123, N*S = 3.872983; ET: (8 - 3.872983) / 0.484123 = 8.52 -> 9.
    [InlineData(0.0, "et", 32, true, 9)]
    // Accuracy at or above 0.5 gets nothing; N_max at or below N leaves no room.
    [InlineData(0.5, "hw", 64, false, 0)]
    [InlineData(0.875, "et", 32, true, 0)]
    [InlineData(0.0, "hw", 8, false, 0)]
    public void ExtraRolloutsFollowTheSchedule(double accuracy, string schedule, int nMax, bool scaleByStd, int expected)
    {
        var options = new DarsOptions(schedule == "hw" ? DarsSchedule.Hw : DarsSchedule.Et, nMax);

        Assert.Equal(expected, DarsExtraRollouts.Of(accuracy, 8, options, scaleByStd));
    }

    [Fact]
    public void HardPromptsGetASecondRoundMergedWithTheFirst()
    {
        // A pool of 3 and 3 groups: the step's prompts are the pool. Advantages r - mean (Dr. GRPO, as the paper).
        var selector = new DarsSelector(Fixtures.Catalog(("a", 3)), Et, groupSize: 8, scaleByStd: false);
        double[][][] rewards =
        [
            [[0, 0, 0, 0, 0, 0, 0, 0], [1, 1, .. new double[22]]], // a = 0: 24 more (see above)
            [[1, 1, 0, 0, 0, 0, 0, 0], [1, 0, 0]],                 // a = 0.25: 3 more
            [[1, 1, 1, 1, 0, 0, 0, 0]],                            // a = 0.5: none
        ];

        var run = RoundDriver.Step(selector, 1, 3, (id, round, _) => rewards[RoundDriver.Index(id)][round], scaleByStd: false);

        Assert.Equal([("a#0", 8), ("a#1", 8), ("a#2", 8)], run.Rounds[0].Prompts.Select(p => (p.Prompt.Id, p.Rollouts)).Order());
        Assert.Equal([("a#0", 24), ("a#1", 3)], run.Rounds[1].Prompts.Select(p => (p.Prompt.Id, p.Rollouts)).Order());
        Assert.Equal(2, run.Rounds.Count);
        var trained = run.Trained.ToDictionary(g => g.PromptId);
        Assert.Equal((32, 11, 8), (trained["a#0"].Rollouts.Count, trained["a#1"].Rollouts.Count, trained["a#2"].Rollouts.Count));
        // a#0: 2 of 32 right, mean 1/16: A(1) = 0.9375, A(0) = -0.0625. a#1: 3 of 11, mean 3/11: A(1) = 8/11, A(0) = -3/11.
        Assert.All(trained["a#0"].Rollouts, r => Assert.Equal(r.Reward == 1 ? 0.9375 : -0.0625, r.Advantage, 12));
        Assert.All(trained["a#1"].Rollouts, r => Assert.Equal(r.Reward == 1 ? 8.0 / 11 : -3.0 / 11, r.Advantage, 12));
        Assert.All(trained["a#2"].Rollouts, r => Assert.Equal(r.Reward == 1 ? 0.5 : -0.5, r.Advantage, 12));

        var prompts = selector.View().Prompts.ToDictionary(p => p.PromptId);
        Assert.Equal((32, "a = 0 < 0.5: 24 more (ET)"), (prompts["a#0"].Budget, prompts["a#0"].Reason));
        Assert.Equal((8, "a = 0.5: no extra rollouts"), (prompts["a#2"].Budget, prompts["a#2"].Reason));
    }

    [Fact]
    public void GroupsThePaperDropsStayWithZeroAdvantagesAndNoSecondRoundRunsWhenNoneIsHard()
    {
        var selector = new DarsSelector(Fixtures.Catalog(("a", 2)), Et with { UpperThreshold = 0.8 }, groupSize: 8, scaleByStd: true);
        double[][] rewards = [[1, 1, 1, 1, 1, 1, 1, 0], [1, 1, 1, 1, 1, 1, 0, 0]];

        var run = RoundDriver.Step(selector, 1, 2, (id, _, _) => rewards[RoundDriver.Index(id)]);

        Assert.Single(run.Rounds);
        // a#0: mean 0.875 >= 0.8, dropped by the paper: kept, every advantage 0. a#1: mean 0.75 < 0.8, its own advantages.
        var trained = run.Trained.ToDictionary(g => g.PromptId);
        Assert.All(trained["a#0"].Rollouts, r => Assert.Equal(0.0, r.Advantage));
        Assert.Contains(trained["a#1"].Rollouts, r => r.Advantage != 0);
        Assert.Equal("a = 0.875: no extra rollouts; group mean 0.875 outside (0, 0.8): advantages zeroed",
            selector.View().Prompts.Single(p => p.PromptId == "a#0").Reason);
    }

    [Fact]
    public void TheSameSeedGivesTheSameRoundsAndGroupsAndAnotherSeedOthers()
    {
        static RoundDriver.StepRun Run(ulong seed) => RoundDriver.Step(
            new DarsSelector(Fixtures.Catalog(("a", 400), ("b", 400)), Et with { Schedule = DarsSchedule.Hw, NMax = 64 }, 8, scaleByStd: true),
            5, 8, SpeedRlSelectorTests.Oracle, seed);

        var first = Run(3);

        Assert.Equal(SpeedRlSelectorTests.Describe(first), SpeedRlSelectorTests.Describe(Run(3)));
        Assert.NotEqual(SpeedRlSelectorTests.Describe(first), SpeedRlSelectorTests.Describe(Run(4)));
        Assert.Equal(2, first.Rounds.Count);
    }

    [Fact]
    public void ExportedStateRestoresTheViewAndTheNextStepsDecisions()
    {
        var catalog = Fixtures.Catalog(("a", 300));
        var original = new DarsSelector(catalog, Et, 8, scaleByStd: true);
        RoundDriver.Step(original, 1, 6, SpeedRlSelectorTests.Oracle);
        var restored = new DarsSelector(catalog, Et, 8, scaleByStd: true);

        restored.ImportState(original.ExportState());

        Assert.Equal(SpeedRlSelectorTests.Json(original), SpeedRlSelectorTests.Json(restored));
        Assert.Equal(
            SpeedRlSelectorTests.Describe(RoundDriver.Step(original, 2, 6, SpeedRlSelectorTests.Oracle)),
            SpeedRlSelectorTests.Describe(RoundDriver.Step(restored, 2, 6, SpeedRlSelectorTests.Oracle)));
        Assert.Equal(SpeedRlSelectorTests.Json(original), SpeedRlSelectorTests.Json(restored));
    }
}
