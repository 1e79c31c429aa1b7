using Rlvr.Grains.Contracts;
using Rlvr.Storage.Checkpoints;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Metrics;

namespace Rlvr.Grains.Campaigns;

// Reads of the campaign and its grains, which interleave with a running step.
public sealed partial class CampaignGrain
{
    public async Task<IReadOnlyList<CheckpointManifest>> GetCheckpoints() => await checkpoints.ListCommittedAsync(Id);

    public Task<CampaignProgress> GetProgress() => Task.FromResult(Progress());

    public Task<CampaignSpec?> GetSpec() => Task.FromResult(Current.Spec);

    public Task<IReadOnlyList<StepMetrics>> GetMetrics(long sinceStep) =>
        _history?.ReadMetricsAsync(sinceStep) ?? Task.FromResult<IReadOnlyList<StepMetrics>>([]);

    public Task<CurriculumSnapshot> GetCurriculum() => Query(GrainFactory.GetGrain<ICurriculumSchedulerGrain>(Id).GetSnapshot);

    public Task<ReplayStats> GetReplay() => Query(GrainFactory.GetGrain<IReplayBufferGrain>(Id).GetStats);

    /// <summary>A query of one of the campaign's grains; one that lost its state is restored first, unless the loop runs (it restores them itself).</summary>
    private async Task<T> Query<T>(Func<Task<T>> query)
    {
        if (Current.Status == CampaignStatus.Creating)
        {
            // Its grains are being configured, and there is no checkpoint to restore them from yet.
            throw new CampaignConflictException($"campaign '{Id}' is still being created (warm start and first evaluation).");
        }
        if (Current.Status != CampaignStatus.Running)
        {
            await Restored();
        }
        try
        {
            return await query();
        }
        catch (CampaignRestoreRequiredException) when (Current.Status != CampaignStatus.Running)
        {
            // The grain was collected while this activation lived on (a long pause with the progress polled).
            _consistent = false;
            await Restored();
            return await query();
        }
    }
}
