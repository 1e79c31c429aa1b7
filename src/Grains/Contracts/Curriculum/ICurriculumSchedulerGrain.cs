using Orleans.Concurrency;
using Rlvr.Storage.Checkpoints;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Curriculum;
using Rlvr.Training.Grpo;

namespace Rlvr.Grains.Contracts;

/// <summary>
/// A campaign's prompt selection and batch filling (key: campaign id): the configured selector and the group
/// filter's accumulator. A step begins, reports each round it rolled out until the scheduler hands out the batch, and
/// ends; a call out of that order is refused. Their state is stored after every step and can be queried at any time.
/// </summary>
[Alias("rlvr.ICurriculumSchedulerGrain")]
public interface ICurriculumSchedulerGrain : ICampaignDataGrain
{
    Task Configure(CampaignSpec spec);

    /// <summary>
    /// Begins step <paramref name="stepNumber"/>, the one after the last it ended, whose fresh batch is B less the
    /// <paramref name="replayed"/> groups: returns the first round to roll out (the DOTS reference set when due, else
    /// generation round 0), or the batch when groups carried from the last step fill it.
    /// </summary>
    Task<StepSelection> BeginStep(long stepNumber, int replayed);

    /// <summary>
    /// Reports the groups of the round the step waits for: the reference rollouts update the difficulty predictions, a
    /// generation round goes through the filter. Returns the next round to roll out, or the batch once it is complete.
    /// Fails past the cap on generation rounds.
    /// </summary>
    Task<StepSelection> ReportRound(long stepNumber, int round, IReadOnlyList<RolloutGroup> groups);

    /// <summary>
    /// Ends the step once its batch is trained on: the selector observes the batch's groups. Returns the
    /// per-distribution rows of the live view, which the step records in its metrics.
    /// </summary>
    Task<IReadOnlyList<DistributionView>> EndStep(long stepNumber);

    /// <summary>Writes the curriculum as a blob of the campaign's checkpoint at <paramref name="stepNumber"/>.</summary>
    Task<CheckpointBlob> WriteCheckpoint(long stepNumber);

    /// <summary>Replaces the curriculum with its blob of a committed checkpoint.</summary>
    Task Restore(CheckpointPart part);

    [ReadOnly]
    Task<CurriculumSnapshot> GetSnapshot();
}

/// <summary>The live curriculum view, the step it reflects, groups carried to the next step, and groups carried and dropped so far.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.CurriculumSnapshot")]
public sealed record CurriculumSnapshot(long Step, CurriculumView View, int CarriedGroups, long CarriedTotal, long DroppedTotal);
