using Rlvr.Training.Grpo;

namespace Rlvr.Grains.Curriculum;

/// <summary>
/// A step the curriculum scheduler has begun and not ended: the round whose groups it waits for, or, once complete,
/// the outcomes of the batch it handed out, which it observes when the step ends. Neither after a report failed
/// part-way: the selector and accumulator are then mid-step, and only a restore from a checkpoint goes on. An
/// allocating strategy's step also counts the prompts it has rolled out.
/// </summary>
internal sealed record OpenCurriculumStep(
    long Step, int Replayed, int? AwaitedRound, IReadOnlyList<GroupOutcome>? Batch, double? ReferenceCorrelation)
{
    public int RoundsRolledOut { get; init; }

    public int PromptsRolledOut { get; init; }

    public string Describe() => (AwaitedRound, Batch) switch
    {
        (RolloutGroup.ReferenceRound, _) => $"step {Step} waits for the groups of its reference round",
        ({ } round, _) => $"step {Step} waits for the groups of round {round}",
        (null, not null) => $"step {Step} has handed out its batch and waits for EndStep({Step})",
        (null, null) => $"step {Step} failed part-way, so it must be restored from the campaign's last checkpoint",
    };
}
