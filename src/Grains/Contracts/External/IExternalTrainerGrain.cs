using Orleans.Concurrency;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Grains.Contracts;

/// <summary>
/// Where a campaign with an external trainer (key: campaign id) meets it. The campaign's step opens work (a round to
/// roll out, a held-out evaluation, a batch to train on) and waits for it; trainers ask for tasks and report, each
/// report stored before it is answered and counted once. The campaign's calls wait a moment at most and answer null
/// while the work is unfinished, so the campaign asks again (and can stop asking, for a pause).
/// </summary>
[Alias("rlvr.IExternalTrainerGrain")]
public interface IExternalTrainerGrain : ICampaignDataGrain
{
    Task Configure(CampaignSpec spec);

    /// <summary>The round's groups, in prompt order, once every prompt is reported; null until then.</summary>
    Task<IReadOnlyList<RolloutGroup>?> RollOut(ExternalRound round);

    /// <summary>Each held-out prompt's greedy and sampled reward, once all are reported; null until then.</summary>
    Task<ExternalEvaluation?> Evaluate(long stepNumber, long policyVersion, IReadOnlyList<TaskPrompt> prompts, SamplingSettings sampling);

    /// <summary>Opens the update of the step's batch to trainers, unless reported already.</summary>
    Task OfferUpdate(long stepNumber, long policyVersion, IReadOnlyList<RolloutGroup> batch);

    /// <summary>The trainer's update on the step's batch (offered now unless it was), once reported; null until then.</summary>
    Task<TrainerUpdateReport?> Update(long stepNumber, long policyVersion, IReadOnlyList<RolloutGroup> batch);

    /// <summary>Wakes the campaign's waiting call, which answers null at once.</summary>
    Task Interrupt();

    /// <summary>Forgets the updates and evaluations of steps up to <paramref name="throughStep"/> (behind a checkpoint).</summary>
    Task Forget(long throughStep);

    /// <summary>Refuses (conflict) a campaign whose trainer is not external.</summary>
    [ReadOnly]
    Task RequireExternal();

    /// <summary>The next task for <paramref name="trainer"/>, waiting up to <paramref name="wait"/> (a few seconds) for one.</summary>
    Task<TrainerTask> NextTask(string trainer, TimeSpan wait);

    Task<LeaseReceipt> ReportGroups(string leaseId, IReadOnlyList<ReportedGroup> groups);

    Task<LeaseReceipt> ReportEvaluation(string leaseId, IReadOnlyList<ReportedEvaluation> completions);

    Task<UpdateReceipt> ReportUpdate(TrainerUpdateReport report);
}
