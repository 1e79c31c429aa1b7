using Rlvr.Training.Configuration;
using Rlvr.Training.Curriculum;
using Rlvr.Training.Strategies;

namespace Rlvr.Training.Tests.Strategies;

/// <summary>The greso, dps and knapsack blocks: a value out of range is a configuration error naming its key.</summary>
public sealed class RolloutSavingStrategiesConfigTests
{
    private const string Tasks = """
        tasks:
          builtin:
            - family: addition
              levels: [1, 2]
        """;

    [Theory]
    [InlineData("greso:\n    p_easy: 0.99", "strategy.greso.p_easy: must be in [p_min, p_max] = [0.05, 0.95], got 0.99")]
    [InlineData("greso:\n    p_min: 0.6\n    p_max: 0.4", "strategy.greso.p_min: must be <= strategy.greso.p_max (0.4), got 0.6")]
    [InlineData("greso:\n    target_zero_variance: 0", "strategy.greso.target_zero_variance: must be in (0, 1), got 0")]
    [InlineData("greso:\n    keep_floor: 0", "strategy.greso.keep_floor: must be in (0, 1], got 0")]
    [InlineData("greso:\n    candidate_factor: 0", "strategy.greso.candidate_factor: must be > 0, got 0")]
    [InlineData("dps:\n    lambda: 1.5", "strategy.dps.lambda: must be in [0, 1], got 1.5")]
    [InlineData("dps:\n    kappa: 0", "strategy.dps.kappa: must be > 0, got 0")]
    [InlineData("dps:\n    entropy_weight: -1", "strategy.dps.entropy_weight: must be >= 0, got -1")]
    [InlineData("knapsack:\n    min_n: 200", "strategy.knapsack.min_n: must be <= max_n (128), got 200")]
    [InlineData("knapsack:\n    negative_n: 0", "strategy.knapsack.negative_n: must be > 0, got 0")]
    [InlineData("knapsack:\n    min_samples: 20", "strategy.knapsack.min_samples: must be <= strategy.knapsack.buffer_size (16), got 20")]
    [InlineData("knapsack:\n    alpha: 1", "strategy.knapsack.alpha: must be in (0, 1), got 1")]
    public void AnOutOfRangeParameterIsAnErrorNamingIt(string block, string expected)
    {
        var error = Assert.Throws<CampaignConfigException>(() => CampaignConfigParser.Parse(Tasks + "\nstrategy:\n  name: uniform\n  " + block + "\n"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KnapsackComposesTheBatchItselfSoItRefusesAGroupFilter()
    {
        var error = Assert.Throws<CampaignConfigException>(() =>
            CampaignConfigParser.Parse(Tasks + "\nstrategy:\n  name: knapsack\nfilter:\n  name: dynamic\n"));

        Assert.Contains("filter.name: must be none with strategy.name knapsack", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKnapsackFloorAboveTheGroupSizeIsRefusedNamingBothKeys()
    {
        var config = CampaignConfigParser.Parse(Tasks + "\ngrpo:\n  group_size: 4\nstrategy:\n  name: knapsack\n  knapsack:\n    positive_n: 6\n");

        var error = Assert.Throws<ArgumentException>(() => StrategyRegistry.Strategy("knapsack").Create(
            config.Strategy.ChosenBlock, new SelectionContext(Curriculum.Fixtures.Catalog(("a", 4)), GroupSize: 4)));

        Assert.StartsWith("strategy.knapsack.positive_n: must be <= grpo.group_size (4)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GresoWorksWithDynamicSamplingAndTheSetupWiresItToSeeEveryGeneratedGroup()
    {
        var config = CampaignConfigParser.Parse(Tasks + "\nstrategy:\n  name: greso\nfilter:\n  name: dynamic\n");

        var setup = CurriculumSetup.Create(config, Curriculum.Fixtures.Catalog(("a", 4)));
        setup.Accumulator.BeginStep(1);
        setup.Accumulator.AddRound([Curriculum.Fixtures.Group("a#0", 0, 1, 1), .. Enumerable.Range(1, 3).Select(i => Curriculum.Fixtures.Group($"a#{i}", 0, 0, 1))]);
        setup.Selector.ObserveTraining(1, []);

        var state = CurriculumJson.Deserialize<GresoState>(setup.Selector.ExportState(), "greso");
        Assert.Equal(1, state.Traces["a#0"].AllCorrectRun);
    }
}
