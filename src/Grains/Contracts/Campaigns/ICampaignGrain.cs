using Orleans.Concurrency;
using Rlvr.Storage.Checkpoints;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Metrics;

namespace Rlvr.Grains.Contracts;

/// <summary>A training campaign (key: campaign id): configuration, lifecycle, the step loop, metrics and evaluations.</summary>
[Alias("rlvr.ICampaignGrain")]
public interface ICampaignGrain : IGrainWithStringKey
{
    /// <summary>
    /// Validates the spec (a <see cref="Training.Configuration.CampaignConfigException"/> names the fields at fault and leaves
    /// the stored campaign untouched), configures the curriculum, replay and learner, runs the warm start and the
    /// first held-out evaluation, then starts it when <paramref name="start"/> says so. The creation is stored before the
    /// warm start begins: should a silo die meanwhile, the campaign finishes it (and starts) on whatever silo it comes back
    /// on, or shows Failed with the reason. Creating again with the same spec returns the campaign as it is, once any
    /// creation under way has ended.
    /// </summary>
    [ResponseTimeout("01:00:00")]
    Task<CampaignProgress> Create(CampaignSpec spec, bool start = false);

    /// <summary>
    /// Starts the step loop of a created campaign; it runs one step per timer turn until the configured steps are done,
    /// and a durable reminder restarts it after the silo restarts, without another call to Start. What each lifecycle
    /// call does in each status is <see cref="CampaignLifecycle"/>'s table: a refusal is a <see cref="CampaignConflictException"/>.
    /// </summary>
    Task Start();

    /// <summary>Restarts the loop of a paused or failed campaign from its last checkpoint.</summary>
    Task ResumeFromCheckpoint();

    /// <summary>Stops the loop after the current step and checkpoints there; Resume resumes it.</summary>
    Task Pause();

    /// <summary>Stops it like <see cref="Pause"/>, but for good: the campaign cannot be started again.</summary>
    Task Terminate();

    /// <summary>
    /// Deletes a halted campaign (not Running nor Creating: <see cref="CampaignConflictException"/>) with all its data:
    /// its grains' state (policy, curriculum, replay buffer, trainer, prompts, rollout ledger), its logs, its checkpoints
    /// and its registry entry; its own state goes last, so a deletion cut short is finished by deleting again. The id
    /// can then be created anew.
    /// </summary>
    [ResponseTimeout("00:10:00")]
    Task Delete();

    /// <summary>
    /// For a silo that shuts down: stops the loop of a running campaign after the current step and checkpoints there,
    /// leaving it Running, so that the silo that starts next (or a survivor of the cluster) resumes it from that step.
    /// </summary>
    Task Suspend();

    /// <summary>
    /// Makes a step that waits for its external trainer stop waiting, so that a pause or a stop that follows is not held
    /// up behind it; nothing for a built-in trainer.
    /// </summary>
    [AlwaysInterleave]
    Task Interrupt();

    /// <summary>The loop's call to itself: the next step, after the calls queued before it.</summary>
    [OneWay]
    Task ContinueLoop();

    // Reads interleave with a running step (they see the state of the last finished one), so that queries answer at
    // once instead of waiting out a step or a warm start.
    [AlwaysInterleave]
    Task<CampaignProgress> GetProgress();

    /// <summary>What the campaign was created from; null for none.</summary>
    [AlwaysInterleave]
    Task<CampaignSpec?> GetSpec();

    [AlwaysInterleave]
    Task<IReadOnlyList<StepMetrics>> GetMetrics(long sinceStep);

    /// <summary>The committed checkpoints, oldest first.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<CheckpointManifest>> GetCheckpoints();

    /// <summary>
    /// The live curriculum. A halted campaign whose grains were collected or whose silo restarted is restored from its
    /// checkpoint first; a running one restores itself, and the query meanwhile fails with
    /// <see cref="CampaignRestoreRequiredException"/>.
    /// </summary>
    [AlwaysInterleave]
    Task<CurriculumSnapshot> GetCurriculum();

    /// <summary>The replay buffer's counts, restored as <see cref="GetCurriculum"/> is.</summary>
    [AlwaysInterleave]
    Task<ReplayStats> GetReplay();
}
