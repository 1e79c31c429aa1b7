using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Grains.Contracts;

/// <summary>
/// The prompts a step rolls out as generation <see cref="Round"/> (<see cref="RolloutGroup.ReferenceRound"/> for the
/// DOTS reference set) and then reports to the curriculum scheduler.
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.RolloutRound")]
public sealed record RolloutRound(int Round, IReadOnlyList<TaskPrompt> Prompts) : StepSelection
{
    public bool IsReference => Round == RolloutGroup.ReferenceRound;
}
