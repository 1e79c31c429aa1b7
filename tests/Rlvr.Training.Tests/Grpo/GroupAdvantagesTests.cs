using Rlvr.Training.Grpo;

namespace Rlvr.Training.Tests.Grpo;

public class GroupAdvantagesTests
{
    [Fact]
    public void StdNormalisedUsesBesselCorrection()
    {
        // rewards 1,0,0,0: mean 0.25, Bessel std sqrt((0.5625 + 3 * 0.0625) / 3) = 0.5.
        var a = GroupAdvantages.Compute([1, 0, 0, 0], scaleByStd: true);
        Assert.Equal(0.75 / 0.500001, a[0], 12);
        Assert.Equal(-0.25 / 0.500001, a[1], 12);
    }

    [Fact]
    public void DrGrpoOnlySubtractsTheMean() =>
        Assert.Equal([0.75, -0.25, -0.25, -0.25], GroupAdvantages.Compute([1, 0, 0, 0], scaleByStd: false));

    [Fact]
    public void DegenerateGroupHasZeroAdvantages() =>
        Assert.All(GroupAdvantages.Compute([1, 1, 1], scaleByStd: true), a => Assert.Equal(0.0, a));

    [Fact]
    public void GroupOfOnePassesItsRewardThrough()
    {
        Assert.Equal(1 / (1 + 1e-6), GroupAdvantages.Compute([1], scaleByStd: true)[0], 12);
        Assert.Equal(1.0, GroupAdvantages.Compute([1], scaleByStd: false)[0]);
    }

    [Fact]
    public void GroupCreationRejectsMismatchedLogProbs() =>
        Assert.Throws<ArgumentException>(() => RolloutGroup.Create("p", "d", 0, 0, 0,
            [((IReadOnlyList<int>)[1, 2], (IReadOnlyList<float>)[-0.1f], 1.0)], scaleByStd: true));
}
