using Rlvr.Training.Configuration;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tests.Curriculum;

namespace Rlvr.Training.Tests.Learning;

public sealed class GrpoOptionsFactoryTests
{
    [Fact]
    public void TheLearningRateIsScaledByTheBatchsShareOfFreshGroups()
    {
        var config = CampaignConfigParser.Parse("""
            tasks:
              builtin:
                - family: addition
                  levels: [1, 2]
            grpo:
              group_size: 2
              lr: 0.0004
            """);
        var fresh = Enumerable.Range(0, 3).Select(i => Fixtures.Group($"a#{i}", 1, 1, 0)).ToList();
        var replayed = Fixtures.Group("a#3", 0, 1, 0) with { Replays = 2 };

        var allFresh = GrpoOptionsFactory.Create(config, 2, fresh);
        var mixed = GrpoOptionsFactory.Create(config, 2, [.. fresh, replayed]);

        Assert.Equal(0.0004, config.Grpo.Lr);
        Assert.Equal(0.0004, allFresh.Optimizer.LearningRate, 12);
        Assert.Equal(0.0003, mixed.Optimizer.LearningRate, 12);
        Assert.Equal(allFresh with { Optimizer = mixed.Optimizer }, mixed);
    }
}
