using Orleans;
using Orleans.Concurrency;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Curriculum;
using Rlvr.Grains.Grpo;
using Rlvr.Grains.Tasks;
using Rlvr.Storage.Checkpoints;

namespace Rlvr.Grains.Grains;

/// <summary>
/// A campaign's prompt selection and batch filling (key: campaign id): the configured selector and the group
/// filter's accumulator. Their state is stored after every step and can be queried at any time.
/// </summary>
public interface ICurriculumSchedulerGrain : IGrainWithStringKey
{
    Task Configure(CampaignSpec spec);

    /// <summary>Prompts to roll out for the selector's reference set this step (DOTS), usually none.</summary>
    Task<IReadOnlyList<TaskPrompt>> ReferencePrompts(long stepNumber);

    /// <summary>Predicts difficulties from the reference rollouts; returns the round's predicted-vs-true Pearson correlation (DOTS).</summary>
    Task<double?> ObserveReference(long stepNumber, IReadOnlyList<GroupOutcome> outcomes);

    /// <summary>
    /// Starts a step's fresh batch: B less the <paramref name="replayed"/> groups, carried surplus groups first; returns
    /// the groups still missing.
    /// </summary>
    Task<int> BeginStep(long stepNumber, int replayed);

    /// <summary>The prompts of the next generation round of the step.</summary>
    Task<IReadOnlyList<TaskPrompt>> SelectRound(long stepNumber, int round);

    /// <summary>Adds a round's groups through the filter; returns the groups still missing. Fails past the round cap.</summary>
    Task<int> AddRound(IReadOnlyList<RolloutGroup> groups);

    Task<IReadOnlyList<RolloutGroup>> TakeBatch();

    /// <summary>Records the step's training groups.</summary>
    Task ObserveTraining(long stepNumber, IReadOnlyList<GroupOutcome> groups);

    /// <summary>Writes the curriculum as a blob of the campaign's checkpoint at <paramref name="stepNumber"/>.</summary>
    Task<CheckpointBlob> WriteCheckpoint(long stepNumber);

    /// <summary>Replaces the curriculum with its blob of a committed checkpoint.</summary>
    Task Restore(CheckpointPart part);

    [ReadOnly]
    Task<CurriculumSnapshot> GetSnapshot();

    /// <summary>The per-distribution rows of the live view only (the step loop records them in every step's metrics).</summary>
    [ReadOnly]
    Task<IReadOnlyList<DistributionView>> GetDistributions();
}

/// <summary>The live curriculum view, the step it reflects, groups carried to the next step, and groups carried and dropped so far.</summary>
[GenerateSerializer, Immutable]
public sealed record CurriculumSnapshot(long Step, CurriculumView View, int CarriedGroups, long CarriedTotal, long DroppedTotal);
