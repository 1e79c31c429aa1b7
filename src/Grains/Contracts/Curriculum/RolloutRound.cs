using Rlvr.Training.Allocation;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Grains.Contracts;

/// <summary>
/// The prompts a step rolls out as generation <see cref="Round"/> (<see cref="RolloutGroup.ReferenceRound"/> for the
/// DOTS reference set) and then reports to the curriculum scheduler; with each prompt's rollouts when a strategy
/// allocates them (<see cref="Budgets"/>, in the prompts' order), else G each.
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.RolloutRound")]
public sealed record RolloutRound(int Round, IReadOnlyList<TaskPrompt> Prompts, IReadOnlyList<int>? Budgets = null) : StepSelection
{
    public bool IsReference => Round == RolloutGroup.ReferenceRound;

    /// <summary>The round's prompts with their rollouts, <paramref name="groupSize"/> each unless allocated.</summary>
    public IReadOnlyList<PromptBudget> WithBudgets(int groupSize) =>
        [.. Prompts.Select((p, i) => new PromptBudget(p, Budgets?[i] ?? groupSize))];
}
