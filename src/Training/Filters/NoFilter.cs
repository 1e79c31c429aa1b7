using Rlvr.Training.Grpo;

namespace Rlvr.Training.Filters;

/// <summary>Keeps every group.</summary>
public sealed class NoFilter : IGroupFilter
{
    public const string FilterName = "none";

    public string Name => FilterName;

    public GroupVerdict Judge(RolloutGroup group) => GroupVerdict.Kept;
}
