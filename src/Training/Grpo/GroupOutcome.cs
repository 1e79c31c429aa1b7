using Orleans;

namespace Rlvr.Training.Grpo;

/// <summary>What a curriculum observes of a group: which prompt, its rewards and advantages.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.GroupOutcome")]
public sealed record GroupOutcome(string PromptId, string Distribution, IReadOnlyList<double> Rewards, IReadOnlyList<double> Advantages)
{
    /// <summary>p = mean reward (rewards are 0/1 from the verifiers).</summary>
    public double PassRate => Rewards.Count == 0 ? 0 : Rewards.Average();
}
