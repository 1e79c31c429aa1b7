using Rlvr.Training.Grpo;

namespace Rlvr.Training.Allocation;

/// <summary>What a <see cref="IRolloutPlanner"/> asks for next within a step: another round of rollouts, or training on a batch.</summary>
public abstract record AllocationStep
{
    private protected AllocationStep()
    {
    }
}

/// <summary>Roll out these prompts, each with its own number of rollouts, and report the groups (one per prompt, in order).</summary>
public sealed record RollOutRound(IReadOnlyList<PromptBudget> Prompts) : AllocationStep;

/// <summary>The step's training groups, complete: exactly as many as the step asked for.</summary>
public sealed record TrainOn(IReadOnlyList<RolloutGroup> Groups) : AllocationStep;
