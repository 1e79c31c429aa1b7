using Orleans;

namespace Rlvr.Training.Grpo;

/// <summary>What identifies a rollout group, and seeds its sampling: the step, prompt and round that generated it.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.RolloutGroupId")]
public sealed record RolloutGroupId(long Step, string PromptId, int Round)
{
    public static RolloutGroupId Of(RolloutGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return new(group.Step, group.PromptId, group.Round);
    }
}
