using Rlvr.Training.Grpo;
using Rlvr.Training.Tests.Curriculum;

namespace Rlvr.Training.Tests.Learning;

public sealed class GrpoBatchBuilderTests
{
    [Fact]
    public void AReplayedGroupTrainsWithItsAdvantagesScaledByItsUses()
    {
        var fresh = Fixtures.Group("a#0", 0, 1, 0);
        var twiceReplayed = Fixtures.Group("a#1", 0, 1, 0) with { Replays = 2 };

        var batch = GrpoBatchBuilder.Build([fresh, twiceReplayed], Fixtures.Catalog(("a", 2)));

        var advantage = fresh.Rollouts[0].Advantage;
        Assert.True(advantage > 0);
        Assert.Equal([(float)advantage, (float)-advantage, (float)(advantage / 3), (float)(-advantage / 3)], batch.Advantages);
        Assert.Equal([-0.5f, -0.25f, -1.5f, -0.25f, -0.5f, -0.25f, -1.5f, -0.25f], batch.BehaviorLogProbs!.Where(x => x != 0));
    }
}
