using Rlvr.Training.Allocation;
using Rlvr.Training.Configuration;
using Rlvr.Training.Curriculum;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Tests.Curriculum;

public sealed class BrorlSelectorTests
{
    [Fact]
    public void InformativeChanceMatchesTheBetaMomentsByHand()
    {
        // Beta(1, 1): E[p^2] = 1/2 * 2/3 = 1/3, so P(informative | 2) = 1 - 2/3 = 1/3;
        // E[p^4] = 1/2 * 2/3 * 3/4 * 4/5 = 1/5, so P(informative | 4) = 1 - 2/5 = 3/5; the gain of 4 over 2 is 4/15.
        Assert.Equal(1.0 / 3, InformativeGroupChance.Of(1, 1, 2), 12);
        Assert.Equal(3.0 / 5, InformativeGroupChance.Of(1, 1, 4), 12);
        // Beta(4.5, 0.5) (4 of 4 correct on the Jeffreys prior): E[p^2] = 4.5/5 * 5.5/6 = 0.825, E[(1-p)^2] = 0.5/5 * 1.5/6
        // = 0.025, so P(informative | 2) = 0.15; E[p^4] = 0.825 * 6.5/7 * 7.5/8 = 0.71819196..., E[(1-p)^4] = 0.025 * 2.5/7
        // * 3.5/8 = 0.00390625, so P(informative | 4) = 0.27790178...
        Assert.Equal(0.15, InformativeGroupChance.Of(4.5, 0.5, 2), 12);
        Assert.Equal(0.2779017857142857, InformativeGroupChance.Of(4.5, 0.5, 4), 12);
        Assert.Equal(0, InformativeGroupChance.Of(1, 1, 1));
    }

    [Fact]
    public void GainsAndPredictionsFollowTheCountsAndTheGreedyChoiceTakesTheLargestGains()
    {
        // G = 2, N = 4: m = 2 slots per prompt; prior Beta(0.5, 0.5). After one observation (decay irrelevant):
        // a#0 4/4 -> Beta(4.5, 0.5): gain 0.27790179 - 0.15 = 0.12790179; a#1 2/4 -> Beta(2.5, 2.5): E[p^2] = 2.5/5 * 3.5/6,
        // P(inf | 2) = 0.41666667, E[p^4] = 0.12890625, P(inf | 4) = 0.7421875, gain 0.32552083; a#2 0/4: as a#0;
        // a#3 unseen, Beta(0.5, 0.5): P(inf | 2) = 1 - 2 * 0.375 = 0.25, P(inf | 4) = 1 - 2 * 0.2734375 = 0.453125, gain 0.203125.
        var brorl = Selector(Fixtures.Catalog(("a", 4)), new BrorlOptions(N: 4, Temperature: 1e-6), groupSize: 2);
        brorl.ObserveTraining(1, [Fixtures.Outcome("a#0", [1, 1, 1, 1]), Fixtures.Outcome("a#1", [1, 0, 1, 0]), Fixtures.Outcome("a#2", [0, 0, 0, 0])]);

        Assert.Equal(0.12790178571428571, brorl.GainOf(0), 12);
        Assert.Equal(0.32552083333333333, brorl.GainOf(1), 12);
        Assert.Equal(brorl.GainOf(0), brorl.GainOf(2), 12);
        Assert.Equal(0.203125, brorl.GainOf(3), 12);
        Assert.Equal(4.5 / 5, brorl.PredictedPassRate(0), 12);
        Assert.Equal(0.5, brorl.PredictedPassRate(3), 12);

        // 4 groups of G = 2 are 2 prompts of N = 4: the two largest gains, best first.
        var round = Assert.IsType<RollOutRound>(brorl.Begin(2, 4, new DeterministicRng(3)));
        Assert.Equal([("a#1", 4), ("a#3", 4)], round.Prompts.Select(p => (p.Prompt.Id, p.Rollouts)));
    }

    [Fact]
    public void EarlierCountsDecayWhenThePromptIsObservedAgain()
    {
        // gamma = 0.5: step 1 [1, 1] -> s = 2, f = 0; step 2 [1, 0] -> s = 0.5 * 2 + 1 = 2, f = 0.5 * 0 + 1 = 1;
        // posterior mean (0.5 + 2) / (1 + 3) = 0.625.
        var brorl = Selector(Fixtures.Catalog(("a", 2)), new BrorlOptions(N: 4, Decay: 0.5), groupSize: 2);
        brorl.ObserveTraining(1, [Fixtures.Outcome("a#0", [1, 1])]);
        brorl.ObserveTraining(2, [Fixtures.Outcome("a#0", [1, 0])]);

        Assert.Equal(0.625, brorl.PredictedPassRate(0), 12);
    }

    [Fact]
    public void APromptsGroupOfNIsCutIntoItsSlotsWithTheAdvantagesOverAllN()
    {
        var brorl = Selector(Fixtures.Catalog(("a", 3)), new BrorlOptions(N: 4), groupSize: 2);
        var round = Assert.IsType<RollOutRound>(brorl.Begin(1, 3, new DeterministicRng(1)));
        // 3 slots of m = 2: ceil(3 / 2) = 2 prompts holding 2 and 1 slots.
        Assert.Equal([4, 2], round.Prompts.Select(p => p.Rollouts));

        // The first prompt's 4 rewards [1, 0, 0, 0]: mean 0.25, Bessel std 0.5, A = [1.5, -0.5, -0.5, -0.5] (over all 4).
        var train = Assert.IsType<TrainOn>(brorl.AfterRound(1, 0, [Group(round.Prompts[0], 1, 0, 0, 0), Group(round.Prompts[1], 1, 0)], new DeterministicRng(2)));

        Assert.Equal(3, train.Groups.Count);
        Assert.Equal([round.Prompts[0].Prompt.Id, round.Prompts[0].Prompt.Id, round.Prompts[1].Prompt.Id], train.Groups.Select(g => g.PromptId));
        Assert.Equal([1.5, -0.5], train.Groups[0].Rollouts.Select(r => Math.Round(r.Advantage, 5)));
        Assert.Equal([-0.5, -0.5], train.Groups[1].Rollouts.Select(r => Math.Round(r.Advantage, 5)));
    }

    [Fact]
    public void TheViewShowsEachChosenPromptsPredictionBudgetAndReason()
    {
        var brorl = Selector(Fixtures.Catalog(("a", 4)), new BrorlOptions(N: 4), groupSize: 2);
        var train = Step(brorl, 1, 2, _ => 1.0);
        var chosen = train.Groups[0].PromptId;

        var row = brorl.View().Prompts.Single(p => p.PromptId == chosen);
        Assert.Equal(0.5, row.PredictedPassRate);
        Assert.Equal(4, row.Budget);
        Assert.StartsWith("broadened: 4 rollouts; chance of an informative group 0.25 with G = 2, 0.453 with 4", row.Reason, StringComparison.Ordinal);
        Assert.Equal(4, row.Attempts);
    }

    [Fact]
    public void TheSameSeedGivesTheSameStepsAndTheStateRoundTripsToTheSameNextStep()
    {
        var catalog = Fixtures.Catalog(("a", 40), ("b", 40));
        var options = new BrorlOptions(N: 16, Temperature: 0.05);
        var first = Selector(catalog, options, 4);
        var second = Selector(catalog, options, 4);
        for (var step = 1; step <= 5; step++)
        {
            var a = Step(first, step, 8, RewardOf);
            var b = Step(second, step, 8, RewardOf);
            Assert.Equal(a.Groups.Select(g => g.PromptId), b.Groups.Select(g => g.PromptId));
        }

        var restored = Selector(catalog, options, 4);
        restored.ImportState(first.ExportState());

        Assert.Equal(first.ExportState(), restored.ExportState());
        var expected = Assert.IsType<RollOutRound>(first.Begin(6, 8, RngFactory.Create(7, 6, "curriculum/select/0")));
        var actual = Assert.IsType<RollOutRound>(restored.Begin(6, 8, RngFactory.Create(7, 6, "curriculum/select/0")));
        Assert.Equal(expected.Prompts, actual.Prompts);
        Assert.Equal(CurriculumJson.Serialize(first.View()), CurriculumJson.Serialize(restored.View()));
    }

    [Fact]
    public void AParameterOutOfItsRangeIsAnErrorNamingIt()
    {
        var error = Assert.Throws<CampaignConfigException>(() => CampaignConfigParser.Parse(
            TasksYaml + "strategy:\n  name: brorl\n  brorl:\n    n: 0\n    decay: 1.5\n    prior_alpha: 0\n    temperature: -1\n"));

        Assert.Contains("strategy.brorl.n: must be > 0, got 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("strategy.brorl.decay: must be in [0, 1], got 1.5", error.Message, StringComparison.Ordinal);
        Assert.Contains("strategy.brorl.prior_alpha: must be > 0, got 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("strategy.brorl.temperature: must be > 0, got -1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ItComposesTheBatchItselfSoAGroupFilterIsAnError()
    {
        var error = Assert.Throws<CampaignConfigException>(() => CampaignConfigParser.Parse(TasksYaml + "strategy:\n  name: brorl\nfilter:\n  name: dynamic\n"));

        Assert.Contains("filter.name: must be none with strategy.name brorl", error.Message, StringComparison.Ordinal);
    }

    private const string TasksYaml = "tasks:\n  builtin:\n    - family: addition\n      levels: [1, 2]\n";

    private static BrorlSelector Selector(TaskCatalog catalog, BrorlOptions options, int groupSize) => new(catalog, options, groupSize);

    /// <summary>A prompt's rollouts are correct with its own fixed chance (a's near saturation, b's mid-way).</summary>
    private static double RewardOf(string promptId) => promptId.StartsWith('a') ? 0.9 : 0.5;

    /// <summary>One step as the scheduler drives it, each rollout's reward drawn from the prompt's chance.</summary>
    private static TrainOn Step(BrorlSelector planner, long step, int groups, Func<string, double> chance)
    {
        var round = Assert.IsType<RollOutRound>(planner.Begin(step, groups, RngFactory.Create(7, step, "curriculum/select/0")));
        var rng = RngFactory.Create(7, step, "test/rewards");
        var rolled = round.Prompts.Select(p => Group(p, [.. Enumerable.Range(0, p.Rollouts).Select(_ => rng.NextDouble() < chance(p.Prompt.Id) ? 1.0 : 0.0)])).ToList();
        var train = Assert.IsType<TrainOn>(planner.AfterRound(step, 0, rolled, RngFactory.Create(7, step, "curriculum/select/1")));
        planner.ObserveTraining(step, [.. train.Groups.Select(g => g.ToOutcome())]);
        return train;
    }

    private static RolloutGroup Group(PromptBudget budget, params double[] rewards) =>
        RolloutGroup.Create(budget.Prompt.Id, budget.Prompt.Distribution, 1, 0, 1,
            [.. rewards.Select((r, i) => ((IReadOnlyList<int>)[i], (IReadOnlyList<float>)[-0.5f], r))], scaleByStd: true);
}
