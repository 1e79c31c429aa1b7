using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Grains.Contracts;

/// <summary>What one step saw of one prompt: its groups (all rounds and the reference set), the policy that generated them.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.PromptObservation")]
public sealed record PromptObservation(TaskPrompt Prompt, long Step, long PolicyVersion, int Groups, int Rollouts, double RewardSum)
{
    public static PromptObservation Of(TaskPrompt prompt, long step, long policyVersion, IReadOnlyCollection<RolloutGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        return new(prompt, step, policyVersion, groups.Count, groups.Sum(g => g.Rollouts.Count), groups.Sum(g => g.Rollouts.Sum(r => r.Reward)));
    }
}
