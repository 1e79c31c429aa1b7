using Rlvr.Training.Curriculum;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Allocation;

/// <summary>
/// A selection strategy that also decides each prompt's rollouts within a step (the allocation stage): budgets of
/// different sizes, screening rounds whose groups it continues, merges or drops, and the composition of the training
/// groups. The curriculum scheduler drives it round by round instead of the fixed-size rounds and group filter of a
/// plain <see cref="IPromptSelector"/>: <see cref="Begin"/>, then <see cref="AfterRound"/> with each round's groups until it
/// answers <see cref="TrainOn"/>. Within a step it may keep scratch state; across steps only what
/// <see cref="IPromptSelector.ExportState"/> writes, so a step recomputed after a crash is driven again from its start
/// with the same groups (the rollout ledger's) and must come out the same.
/// </summary>
public interface IRolloutPlanner : IPromptSelector
{
    /// <summary>Starts step <paramref name="stepNumber"/>, which trains on <paramref name="groups"/> fresh groups: the first round.</summary>
    AllocationStep Begin(long stepNumber, int groups, DeterministicRng rng);

    /// <summary>
    /// The groups of round <paramref name="round"/> (one per prompt of the round, in its order): the next round, or the
    /// training groups. Randomness comes from <paramref name="rng"/>, which is the step's and the round's.
    /// </summary>
    AllocationStep AfterRound(long stepNumber, int round, IReadOnlyList<RolloutGroup> groups, DeterministicRng rng);

    // A planner has no reference round and never picks a fixed-size round: the scheduler drives it through Begin and AfterRound.
    IReadOnlyList<TaskPrompt> IPromptSelector.ReferencePrompts(long stepNumber, DeterministicRng rng) => [];

    void IPromptSelector.ObserveReference(long stepNumber, IReadOnlyList<GroupOutcome> outcomes)
    {
    }

    IReadOnlyList<TaskPrompt> IPromptSelector.SelectPrompts(long stepNumber, int count, DeterministicRng rng) =>
        throw new InvalidOperationException($"strategy '{Name}' allocates each prompt's rollouts: the scheduler drives it through Begin and AfterRound.");
}
