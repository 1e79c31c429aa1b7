using Rlvr.Training.Grpo;

namespace Rlvr.Training.Filters;

/// <summary>Decides after rollout whether a group enters the training batch, and if not, which side it fell on.</summary>
public interface IGroupFilter
{
    string Name { get; }

    GroupVerdict Judge(RolloutGroup group);
}

public enum GroupVerdict
{
    Kept,
    TooHard,
    TooEasy,
}
