using Rlvr.Training.Allocation;
using Rlvr.Training.Configuration;
using Rlvr.Training.Curriculum;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Tests.Curriculum;

public sealed class BeyondVarianceSelectorTests
{
    private const string TasksYaml = "tasks:\n  builtin:\n    - family: addition\n      levels: [1, 2]\n";

    [Fact]
    public void WeightedGrpoAmplifiesTheRareSuccessOfQPlusAndTheRareFailureOfQMinus()
    {
        // q+ rewards [1, 0, 0, 0]: mean 0.25, Bessel std sqrt((0.5625 + 3 * 0.0625) / 3) = 0.5, A = [1.5, -0.5, -0.5, -0.5];
        // lambda+ = 2 doubles the success only: [3, -0.5, -0.5, -0.5].
        var hard = WeightedGrpo.Apply(Group("a#0", 1, 0, 0, 0), PairRole.HardButSolvable, lambdaPlus: 2, lambdaMinus: 3);
        Assert.Equal([3.0, -0.5, -0.5, -0.5], hard.Rollouts.Select(r => Math.Round(r.Advantage, 4)));
        // q- rewards [1, 1, 1, 0]: A = [0.5, 0.5, 0.5, -1.5]; lambda- = 3 triples the failure only: [0.5, 0.5, 0.5, -4.5].
        var easy = WeightedGrpo.Apply(Group("a#1", 1, 1, 1, 0), PairRole.EasyButBrittle, lambdaPlus: 2, lambdaMinus: 3);
        Assert.Equal([0.5, 0.5, 0.5, -4.5], easy.Rollouts.Select(r => Math.Round(r.Advantage, 4)));
        // An exploration group keeps plain GRPO.
        var explore = WeightedGrpo.Apply(Group("a#2", 1, 0, 0, 0), PairRole.Explore, 2, 3);
        Assert.Equal([1.5, -0.5, -0.5, -0.5], explore.Rollouts.Select(r => Math.Round(r.Advantage, 4)));
    }

    [Fact]
    public void APairIsTheHardButSolvableAndTheEasyButBrittlePromptAndTheRestExplores()
    {
        // G = 4, p+max 0.25, p-min 0.75. a#0 1/4 = 0.25 is q+, a#1 3/4 is q-; a#2 4/4, a#3 0/4 and a#4 2/4 are neither.
        var selector = Selector(Fixtures.Catalog(("a", 8)), new BeyondVarianceOptions(Exploration: 0));
        selector.ObserveTraining(1, [Outcome("a#0", 1, 0, 0, 0), Outcome("a#1", 1, 1, 1, 0), Outcome("a#2", 1, 1, 1, 1), Outcome("a#3", 0, 0, 0, 0), Outcome("a#4", 1, 1, 0, 0)]);

        var round = Assert.IsType<RollOutRound>(selector.Begin(2, 5, new DeterministicRng(4)));

        Assert.Equal("a#0", round.Prompts[0].Prompt.Id);
        Assert.Equal("a#1", round.Prompts[1].Prompt.Id);
        Assert.Equal([PairRole.HardButSolvable, PairRole.EasyButBrittle, PairRole.Explore, PairRole.Explore, PairRole.Explore], selector.Roles);
        Assert.Equal(5, round.Prompts.Select(p => p.Prompt.Id).Distinct().Count());
        Assert.All(round.Prompts, p => Assert.Equal(4, p.Rollouts));

        var train = Assert.IsType<TrainOn>(selector.AfterRound(2, 0, [.. round.Prompts.Select(p => Group(p.Prompt.Id, 1, 0, 0, 0))], new DeterministicRng(5)));
        selector.ObserveTraining(2, [.. train.Groups.Select(g => g.ToOutcome())]);
        // Only the q+ slot's success is doubled (lambda+ = 2 by default): 3 against the 1.5 of the exploration slots.
        Assert.Equal(3.0, train.Groups[0].Rollouts[0].Advantage, 4);
        Assert.Equal(1.5, train.Groups[2].Rollouts[0].Advantage, 4);
        var views = selector.View().Prompts.ToDictionary(p => p.PromptId);
        Assert.Equal("q+ of pair 0: hard but solvable, last p^ 0.25 <= 0.25", views["a#0"].Reason);
        Assert.Equal(0.25, views["a#0"].PredictedPassRate);
        Assert.Equal("q- of pair 0: easy but brittle, last p^ 0.75 >= 0.75", views["a#1"].Reason);
        Assert.Equal(4, views["a#1"].Budget);
        Assert.Equal("explore: no q+ candidate left", views[round.Prompts[2].Prompt.Id].Reason);
        Assert.Equal("explore: the odd slot has no partner", views[round.Prompts[4].Prompt.Id].Reason);
    }

    [Fact]
    public void AQMinusThatBecameSolvedIsNoLongerChosen()
    {
        var selector = Selector(Fixtures.Catalog(("a", 8)), new BeyondVarianceOptions(Exploration: 0));
        selector.ObserveTraining(1, [Outcome("a#0", 1, 0, 0, 0), Outcome("a#1", 1, 1, 1, 0)]);
        Assert.Equal("a#1", Assert.IsType<RollOutRound>(selector.Begin(2, 2, new DeterministicRng(1))).Prompts[1].Prompt.Id);

        // Its next group is all correct: p^ = 1, no signal, so the q- slot falls back to exploration.
        selector.ObserveTraining(2, [Outcome("a#0", 1, 0, 0, 0), Outcome("a#1", 1, 1, 1, 1)]);
        selector.Begin(3, 2, new DeterministicRng(1));

        Assert.Equal([PairRole.HardButSolvable, PairRole.Explore], selector.Roles);
    }

    [Fact]
    public void TheSameSeedGivesTheSameStepsAndTheStateRoundTripsToTheSameNextStep()
    {
        var catalog = Fixtures.Catalog(("a", 30), ("b", 30));
        var options = new BeyondVarianceOptions(Exploration: 0.3);
        var first = Selector(catalog, options);
        var second = Selector(catalog, options);
        var roles = new List<PairRole>();
        for (var step = 1; step <= 6; step++)
        {
            Assert.Equal(Step(first, step).Groups.Select(g => g.PromptId), Step(second, step).Groups.Select(g => g.PromptId));
            Assert.Equal(first.Roles, second.Roles);
            roles.AddRange(first.Roles);
        }
        Assert.Contains(PairRole.HardButSolvable, roles);
        Assert.Contains(PairRole.EasyButBrittle, roles);

        var restored = Selector(catalog, options);
        restored.ImportState(first.ExportState());

        Assert.Equal(first.ExportState(), restored.ExportState());
        Assert.Equal(Step(first, 7).Groups, Step(restored, 7).Groups, new GroupComparer());
        Assert.Equal(first.Roles, restored.Roles);
        Assert.Equal(CurriculumJson.Serialize(first.View()), CurriculumJson.Serialize(restored.View()));
    }

    [Fact]
    public void AParameterOutOfItsRangeIsAnErrorNamingIt()
    {
        var error = Assert.Throws<CampaignConfigException>(() => CampaignConfigParser.Parse(TasksYaml +
            "strategy:\n  name: beyond-variance\n  beyond-variance:\n    p_plus_max: 0.8\n    p_minus_min: 0.6\n    lambda_minus: 0\n    exploration: 2\n"));

        Assert.Contains("strategy.beyond-variance.p_minus_min: must be above p_plus_max (0.8) so that no prompt is both q+ and q-, got 0.6", error.Message, StringComparison.Ordinal);
        Assert.Contains("strategy.beyond-variance.lambda_minus: must be > 0, got 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("strategy.beyond-variance.exploration: must be in [0, 1], got 2", error.Message, StringComparison.Ordinal);
        var bounds = Assert.Throws<CampaignConfigException>(() => CampaignConfigParser.Parse(TasksYaml + "strategy:\n  beyond-variance:\n    p_plus_max: 0\n"));
        Assert.Contains("strategy.beyond-variance.p_plus_max: must be in (0, 1), got 0", bounds.Message, StringComparison.Ordinal);
    }

    private static BeyondVarianceSelector Selector(TaskCatalog catalog, BeyondVarianceOptions options) => new(catalog, options, groupSize: 4);

    private static GroupOutcome Outcome(string promptId, params double[] rewards) => Fixtures.Outcome(promptId, rewards);

    private static RolloutGroup Group(string promptId, params double[] rewards) =>
        RolloutGroup.Create(promptId, promptId.Split('#')[0], 1, 0, 1,
            [.. rewards.Select((r, i) => ((IReadOnlyList<int>)[i], (IReadOnlyList<float>)[-0.5f], r))], scaleByStd: true);

    /// <summary>One step of 6 groups as the scheduler drives it; prompt i of a distribution is solved with chance (i % 5) / 4.</summary>
    private static TrainOn Step(BeyondVarianceSelector selector, long step)
    {
        var round = Assert.IsType<RollOutRound>(selector.Begin(step, 6, RngFactory.Create(3, step, "curriculum/select/0")));
        var rng = RngFactory.Create(3, step, "test/rewards");
        var rolled = round.Prompts
            .Select(p => Group(p.Prompt.Id, [.. Enumerable.Range(0, p.Rollouts).Select(_ => rng.NextDouble() < int.Parse(p.Prompt.Id.Split('#')[1], System.Globalization.CultureInfo.InvariantCulture) % 5 / 4.0 ? 1.0 : 0.0)]))
            .ToList();
        var train = Assert.IsType<TrainOn>(selector.AfterRound(step, 0, rolled, RngFactory.Create(3, step, "curriculum/select/1")));
        selector.ObserveTraining(step, [.. train.Groups.Select(g => g.ToOutcome())]);
        return train;
    }

    private sealed class GroupComparer : IEqualityComparer<RolloutGroup>
    {
        public bool Equals(RolloutGroup? x, RolloutGroup? y) =>
            x!.PromptId == y!.PromptId && x.Rollouts.Select(r => (r.Reward, r.Advantage)).SequenceEqual(y.Rollouts.Select(r => (r.Reward, r.Advantage)));

        public int GetHashCode(RolloutGroup obj) => obj.PromptId.GetHashCode(StringComparison.Ordinal);
    }
}
