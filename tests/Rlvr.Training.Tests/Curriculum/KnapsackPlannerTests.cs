using Rlvr.Training.Allocation;
using Rlvr.Training.Curriculum;
using Rlvr.Training.Determinism;

namespace Rlvr.Training.Tests.Curriculum;

public sealed class KnapsackPlannerTests
{
    [Fact]
    public void TheValueOfThreeRolloutsAtAQuarter()
    {
        // V(3, 0.25) = (1 - 0.25^3 - 0.75^3) * 0.25 * 0.75^2 = (1 - 0.015625 - 0.421875) * 0.140625 = 0.5625 * 0.140625.
        Assert.Equal(0.0791015625, KnapsackValue.Of(3, 0.25), 15);
        // V(2, 0.25) = 0.375 * 0.140625 = 0.052734375, so the third rollout adds 0.0263671875.
        Assert.Equal(0.0263671875, KnapsackValue.Gain(2, 0.25), 15);
        Assert.Equal(KnapsackValue.Of(3, 0.25) - KnapsackValue.Of(2, 0.25), KnapsackValue.Gain(2, 0.25), 15);
    }

    [Fact]
    public void TheFallbacksNeedIsTheRolloutsThatShowBothOutcomesWithAlpha()
    {
        Assert.Equal(4, KnapsackValue.Need(0.5, 0.9, 128)); // ln 0.1 / ln 0.5 = 3.32
        Assert.Equal(9, KnapsackValue.Need(0.25, 0.9, 128)); // ln 0.1 / ln 0.75 = 8.004
        Assert.Equal(128, KnapsackValue.Need(0.99, 0.9, 128)); // 229.1, capped
    }

    [Fact]
    public void TwoExtraRolloutsGoToTheLargestGainsInTurn()
    {
        // G = 3: budget 6, floors 2 + 2, 2 left; the fallback needs 2 + 7 >= 2, so the knapsack spends them.
        // Gain(2, 0.5) = (0.25 * 0.5 + 0.25 * 0.5) * 0.125 = 0.03125 > Gain(2, 0.25) = 0.02637: the first to p = 0.5;
        // then Gain(3, 0.5) = 0.25 * 0.5 * 0.125 = 0.015625 < 0.02637: the second to p = 0.25.
        var (rollouts, reasons) = KnapsackAllocation.Allocate([0.5, 0.25], 3, new KnapsackOptions());
        Assert.Equal([3, 3], rollouts);
        Assert.Equal("knapsack: min_n 2 + 1 by marginal value", reasons[0]);
    }

    [Fact]
    public void TheSurplusGoesToTheAllWrongPromptsWhenTheOthersNeedLess()
    {
        // G = 4: budget 16; floors: unseen 4, p 0 -> 2, p 1 -> 2, p 0.5 -> 2 = 10, 6 left. p = 0.5 needs 4, 2 more than
        // min_n: 2 < 6, so the surplus 4 goes to the p = 0 prompt and the knapsack gets the 2 it needs.
        var (rollouts, reasons) = KnapsackAllocation.Allocate([null, 0, 1, 0.5], 4, new KnapsackOptions());
        Assert.Equal([4, 6, 2, 4], rollouts);
        Assert.Equal("all wrong so far: negative_n 2 + 4 of the surplus", reasons[1]);
        Assert.Equal("no estimate yet: G 4", reasons[0]);
    }

    [Fact]
    public void WithoutAllWrongPromptsTheSurplusGoesToTheOtherNonEffectiveOnesEvenlyInOrder()
    {
        // G = 4: budget 12; floors 4 + 2 + 2 = 8, 4 left; p 0.5 needs 2 more: surplus 2 over (unseen, p 1), one each.
        var (rollouts, _) = KnapsackAllocation.Allocate([null, 1, 0.5], 4, new KnapsackOptions());
        Assert.Equal([5, 3, 4], rollouts);
    }

    [Fact]
    public void NoPromptGetsMoreThanMaxN()
    {
        // Budget 8, floor 2; the need 4 leaves a surplus nobody else takes, so the knapsack may spend 6 but stops at max_n 5.
        var (rollouts, _) = KnapsackAllocation.Allocate([0.5], 8, new KnapsackOptions(MaxN: 5));
        Assert.Equal([5], rollouts);
    }

    [Theory]
    [InlineData(1UL, 3)]
    [InlineData(2UL, 4)]
    [InlineData(3UL, 5)]
    [InlineData(4UL, 6)]
    public void TheGreedyAllocationReachesTheDynamicProgrammingOptimum(ulong seed, int groupSize)
    {
        // Pass rates in [0.05, 0.2] or [0.8, 0.95] need more than max_n = 6 each (ln 0.1 / ln 0.8 > 10), so the fallback stays
        // out and the whole remainder goes to the knapsack, which must match the exhaustive DP over k_i in [0, 4].
        var rng = new DeterministicRng(seed);
        var estimates = Enumerable.Range(0, 4).Select(_ => (double?)(rng.NextDouble() < 0.5 ? 0.05 + (0.15 * rng.NextDouble()) : 0.8 + (0.15 * rng.NextDouble()))).ToArray();
        var options = new KnapsackOptions(MaxN: 6);

        var (rollouts, _) = KnapsackAllocation.Allocate(estimates, groupSize, options);

        var budget = (4 * groupSize) - (4 * options.MinN);
        var best = BestByDynamicProgramming(estimates.Select(e => e!.Value).ToArray(), options.MinN, options.MaxN, budget);
        Assert.Equal(best, rollouts.Select((n, i) => KnapsackValue.Of(n, estimates[i]!.Value)).Sum(), 12);
        Assert.Equal(4 * groupSize, rollouts.Sum());
    }

    [Fact]
    public void TheEstimatePoolsRecentRewardsUntilAGroupHasL()
    {
        var planner = new KnapsackPlanner(Fixtures.Catalog(("a", 2)), new KnapsackOptions(BufferSize: 16, MinSamples: 8), groupSize: 8);
        Observe(planner, 1, ("a#0", [1, 1, 0, 0, 0, 0, 0, 0]), ("a#1", [1, 0, 1, 0]));
        Assert.Equal(0.25, planner.EstimateOf("a#0")); // 2 of 8
        Assert.Null(planner.EstimateOf("a#1")); // 4 rewards < min_samples 8

        Observe(planner, 2, ("a#0", [1, 1]));
        Assert.Equal(0.4, planner.EstimateOf("a#0")); // the last 10 rewards: 4 of 10

        Observe(planner, 3, ("a#0", [.. Enumerable.Repeat(1.0, 6), .. Enumerable.Repeat(0.0, 14)]));
        Assert.Equal(0.3, planner.EstimateOf("a#0")); // the latest group has 20 >= 16: 6 of 20 alone
    }

    [Fact]
    public void AStepRollsOutItsPromptsOnceWithTheirBudgetsAndTrainsOnEveryGroup()
    {
        var catalog = Fixtures.Catalog(("a", 6));
        var planner = new KnapsackPlanner(catalog, new KnapsackOptions(), groupSize: 4);
        var first = Assert.IsType<RollOutRound>(planner.Begin(1, 4, new DeterministicRng(1)));
        Assert.All(first.Prompts, p => Assert.Equal(4, p.Rollouts)); // nothing seen yet: G each
        Assert.Equal(4, first.Prompts.Select(p => p.Prompt.Id).Distinct().Count());
        var groups = first.Prompts.Select(p => Fixtures.Group(p.Prompt.Id, 1, [.. Enumerable.Range(0, p.Rollouts).Select(r => p.Prompt.Id == "a#0" ? 0.0 : r % 2)])).ToList();
        Assert.Same(groups, Assert.IsType<TrainOn>(planner.AfterRound(1, 0, groups, new DeterministicRng(2))).Groups);
        planner.ObserveTraining(1, [.. groups.Select(g => g.ToOutcome())]);

        // Every prompt now has 4 rewards, below min_samples 8: still G each. After a second step they have 8.
        var second = Assert.IsType<RollOutRound>(planner.Begin(2, 6, new DeterministicRng(3)));
        Assert.Equal(24, second.Prompts.Sum(p => p.Rollouts));
        Assert.Throws<InvalidOperationException>(() => planner.AfterRound(2, 0, groups, new DeterministicRng(4)));
    }

    [Fact]
    public void ExportedStateReproducesTheNextBudgets()
    {
        var catalog = Fixtures.Catalog(("a", 12));
        var original = new KnapsackPlanner(catalog, new KnapsackOptions(MinSamples: 4), groupSize: 4);
        Run(original, 1, 5);
        var restored = new KnapsackPlanner(catalog, new KnapsackOptions(MinSamples: 4), groupSize: 4);
        restored.ImportState(original.ExportState());

        Assert.Equal(Run(original, 5, 10), Run(restored, 5, 10));
        Assert.Equal(original.ExportState(), restored.ExportState());
    }

    [Fact]
    public void TheSameSeedGivesTheSameBudgetsAndThePlanVariesInSize()
    {
        var catalog = Fixtures.Catalog(("a", 12));
        var first = Run(new KnapsackPlanner(catalog, new KnapsackOptions(MinSamples: 4), groupSize: 4), 1, 10);
        Assert.Equal(first, Run(new KnapsackPlanner(catalog, new KnapsackOptions(MinSamples: 4), groupSize: 4), 1, 10));
        Assert.Contains(first, b => !b.EndsWith(":4", StringComparison.Ordinal));
    }

    /// <summary>Steps [from, to) of 6 groups; prompt i passes with rollout r when (i + r) % 4 == 0 for even i, never for odd i.</summary>
    private static List<string> Run(KnapsackPlanner planner, int from, int to)
    {
        var budgets = new List<string>();
        for (var step = from; step < to; step++)
        {
            var round = Assert.IsType<RollOutRound>(planner.Begin(step, 6, RngFactory.Create(5, step, "curriculum/select/0")));
            budgets.AddRange(round.Prompts.Select(p => $"{p.Prompt.Id}:{p.Rollouts}"));
            var groups = round.Prompts.Select(p =>
            {
                var i = int.Parse(p.Prompt.Id[2..], System.Globalization.CultureInfo.InvariantCulture);
                return Fixtures.Group(p.Prompt.Id, step, [.. Enumerable.Range(0, p.Rollouts).Select(r => i % 2 == 0 && (i + r) % 4 == 0 ? 1.0 : 0.0)]);
            }).ToList();
            var train = Assert.IsType<TrainOn>(planner.AfterRound(step, 0, groups, RngFactory.Create(5, step, "curriculum/select/1")));
            planner.ObserveTraining(step, [.. train.Groups.Select(g => g.ToOutcome())]);
        }
        return budgets;
    }

    private static void Observe(KnapsackPlanner planner, long step, params (string Id, double[] Rewards)[] groups) =>
        planner.ObserveTraining(step, [.. groups.Select(g => Fixtures.Group(g.Id, step, g.Rewards).ToOutcome())]);

    /// <summary>The paper's DP: the best summed V(min_n + k_i, p_i) with k_i in [0, max_n - min_n] and sum k_i &lt;= budget, exhaustively.</summary>
    private static double BestByDynamicProgramming(double[] p, int minN, int maxN, int budget)
    {
        // best[b] = the best value of the prompts so far using at most b extra rollouts.
        var best = new double[budget + 1];
        foreach (var pi in p)
        {
            var next = new double[budget + 1];
            for (var b = 0; b <= budget; b++)
            {
                next[b] = double.NegativeInfinity;
                for (var k = 0; k <= Math.Min(b, maxN - minN); k++)
                {
                    next[b] = Math.Max(next[b], best[b - k] + KnapsackValue.Of(minN + k, pi));
                }
            }
            best = next;
        }
        return best[budget];
    }
}
