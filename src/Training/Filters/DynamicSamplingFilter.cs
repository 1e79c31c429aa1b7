using Rlvr.Training.Grpo;

namespace Rlvr.Training.Filters;

/// <summary>
/// DAPO dynamic sampling: keep a group iff its rewards are not all equal (0 &lt; p &lt; 1 for binary rewards).
/// A group of one is kept, as in verl, since its advantage is its raw reward.
/// </summary>
public sealed class DynamicSamplingFilter : IGroupFilter
{
    public const string FilterName = "dynamic";

    public string Name => FilterName;

    public GroupVerdict Judge(RolloutGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var rollouts = group.Rollouts;
        if (rollouts.Count == 1 || rollouts.Any(r => r.Reward != rollouts[0].Reward))
        {
            return GroupVerdict.Kept;
        }
        return group.PassRate >= 0.5 ? GroupVerdict.TooEasy : GroupVerdict.TooHard;
    }
}
