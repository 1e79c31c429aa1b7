using Rlvr.Training.Grpo;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// Beyond Variance's Weighted GRPO as implemented here: the group-normalised advantages of a q+ group's successes
/// (A &gt; 0) are multiplied by lambda+, those of a q- group's failures (A &lt; 0) by lambda-; everything else is plain GRPO.
/// The paper weighs the binary outcomes before normalising; a weight on one group's binary rewards cancels in its own
/// standardisation, so the weight is applied to the normalised advantage of the rare outcome instead.
/// </summary>
public static class WeightedGrpo
{
    public static RolloutGroup Apply(RolloutGroup group, PairRole role, double lambdaPlus, double lambdaMinus)
    {
        ArgumentNullException.ThrowIfNull(group);
        return role switch
        {
            PairRole.HardButSolvable => group.WithAdvantages([.. group.Rollouts.Select(r => r.Advantage > 0 ? lambdaPlus * r.Advantage : r.Advantage)]),
            PairRole.EasyButBrittle => group.WithAdvantages([.. group.Rollouts.Select(r => r.Advantage < 0 ? lambdaMinus * r.Advantage : r.Advantage)]),
            _ => group,
        };
    }
}
