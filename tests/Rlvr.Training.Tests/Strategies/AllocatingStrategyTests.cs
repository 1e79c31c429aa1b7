using Rlvr.Training.Allocation;
using Rlvr.Training.Configuration;
using Rlvr.Training.Curriculum;
using Rlvr.Training.Determinism;
using Rlvr.Training.Tests.Curriculum;

namespace Rlvr.Training.Tests.Strategies;

/// <summary>The allocating strategies of SPEED-RL, Reinforce-Ada and DARS as a campaign file names them.</summary>
public sealed class AllocatingStrategyTests
{
    private const string Tasks = """
        tasks:
          builtin:
            - family: addition
              levels: [1, 2]
        """;

    [Theory]
    [InlineData("speed-rl", "n_init: 1", "strategy.speed-rl.n_init: must be >= 2 (one rollout never shows variance), got 1")]
    [InlineData("speed-rl", "n_cont: 0", "strategy.speed-rl.n_cont: must be > 0, got 0")]
    [InlineData("speed-rl", "b_gen: -3", "strategy.speed-rl.b_gen: must be > 0, got -3")]
    [InlineData("speed-rl", "max_num_gen_batches: 0", "strategy.speed-rl.max_num_gen_batches: must be > 0, got 0")]
    [InlineData("reinforce-ada", "n: 3", "strategy.reinforce-ada.n: must be an even number >= 2 (n/2 positives and n/2 negatives), got 3")]
    [InlineData("reinforce-ada", "m: 0", "strategy.reinforce-ada.m: must be > 0, got 0")]
    [InlineData("reinforce-ada", "r_max: 0", "strategy.reinforce-ada.r_max: must be > 0, got 0")]
    [InlineData("reinforce-ada", "tau: 1", "strategy.reinforce-ada.tau: must be in [0, 1) (a response is positive when its reward is above it), got 1")]
    [InlineData("reinforce-ada", "exit_rule: greedy", "strategy.reinforce-ada.exit_rule: unknown value 'greedy'; known: balanced, positive_focused")]
    [InlineData("dars", "schedule: linear", "strategy.dars.schedule: unknown value 'linear'; known: et, hw")]
    [InlineData("dars", "n_max: 0", "strategy.dars.n_max: must be > 0, got 0")]
    [InlineData("dars", "upper_threshold: 0", "strategy.dars.upper_threshold: must be in (0, 1], got 0")]
    public void AParameterOutOfItsRangeIsAnErrorNamingIt(string strategy, string setting, string expected)
    {
        var error = Assert.Throws<CampaignConfigException>(() =>
            CampaignConfigParser.Parse($"{Tasks}\nstrategy:\n  name: {strategy}\n  {strategy}:\n    {setting}\n"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("speed-rl", typeof(SpeedRlSelector))]
    [InlineData("reinforce-ada", typeof(ReinforceAdaSelector))]
    [InlineData("dars", typeof(DarsSelector))]
    public void EachIsAPlannerThatAGroupFilterCannotAccompany(string strategy, Type selector)
    {
        var config = CampaignConfigParser.Parse($"{Tasks}\nstrategy:\n  name: {strategy}\n");
        var setup = CurriculumSetup.Create(config, Fixtures.Catalog(("a", 100)));
        var error = Assert.Throws<CampaignConfigException>(() =>
            CampaignConfigParser.Parse($"{Tasks}\nstrategy:\n  name: {strategy}\nfilter:\n  name: dynamic\n"));

        Assert.IsType(selector, setup.Selector);
        Assert.IsAssignableFrom<IRolloutPlanner>(setup.Selector);
        Assert.Contains($"filter.name: must be none with strategy.name {strategy}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBlocksParametersReachTheSelector()
    {
        var config = CampaignConfigParser.Parse($"{Tasks}\ngrpo:\n  group_size: 4\nstrategy:\n  name: dars\n  dars:\n    schedule: hw\n    n_max: 20\n");
        var planner = (IRolloutPlanner)CurriculumSetup.Create(config, Fixtures.Catalog(("a", 1))).Selector;

        var first = (RollOutRound)planner.Begin(1, 1, new DeterministicRng(1));
        var second = planner.AfterRound(1, 0, [RoundDriver.Group("a#0", 1, 0, true, 0, 0, 0, 0)], new DeterministicRng(2));

        // N = G = 4, a = 0 -> 0.125 with std: S = 2 sqrt(0.125 * 0.875) = 0.661438, N*S = 2.645751; HW target 2 * 0.875 * 4 = 7;
        // (7 - 2.645751) / 0.661438 = 6.58 -> 7, under N_max - N = 16.
        Assert.Equal(4, first.Prompts.Single().Rollouts);
        Assert.Equal(7, ((RollOutRound)second).Prompts.Single().Rollouts);
    }
}
