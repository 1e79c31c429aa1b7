using System.Globalization;
using System.Text;
using Rlvr.Grains.Contracts;
using Rlvr.Storage.Checkpoints;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Curriculum;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// Commits and restores the whole campaign at a step. A commit has each grain write its blob (policy, curriculum,
/// replay buffer) and the campaign's progress, then the manifest last. A restore reads the newest checkpoint whose
/// blobs verify, once, and hands each grain its blob, so every grain comes back to the same step.
/// </summary>
public sealed class CampaignCheckpointer(string campaignId, Campaign campaign, IGrainFactory grains, CheckpointRepository checkpoints)
{
    public async Task Commit(long step, CampaignProgressRecord progress, string configHash, string weightsHash)
    {
        var writes = new List<Task<CheckpointBlob>>
        {
            Scheduler.WriteCheckpoint(step),
            checkpoints.PutBlobAsync(campaignId, step, CampaignCheckpoint.CampaignBlob, Encoding.UTF8.GetBytes(CurriculumJson.Serialize(progress))),
        };
        if (campaign.Config.Replay.Enabled)
        {
            writes.Add(Replay.WriteCheckpoint(step));
        }
        // An external trainer keeps the policy: the campaign checkpoints its side only.
        if (!campaign.Config.ExternalTrainer)
        {
            writes.Add(Learner.WriteCheckpoint(step));
        }
        var blobs = await Task.WhenAll(writes);
        KillPoints.Reach(KillPoints.MidCheckpointWrite, step);
        await checkpoints.CommitAsync(campaignId, step, blobs, new Dictionary<string, string>
        {
            [CampaignCheckpoint.StepKey] = step.ToString(CultureInfo.InvariantCulture),
            [CampaignCheckpoint.ConfigHashKey] = configHash,
            [CampaignCheckpoint.WeightsHashKey] = weightsHash,
        });
        KillPoints.Reach(KillPoints.CheckpointCommitted, step);
    }

    public async Task<RestoredProgress> Restore(string configHash)
    {
        var loaded = await checkpoints.LoadLatestAsync(campaignId)
            ?? throw new InvalidOperationException($"campaign '{campaignId}' has no usable checkpoint to resume from (see the warnings above).");
        var manifest = loaded.Manifest;
        if (manifest.Metadata.GetValueOrDefault(CampaignCheckpoint.ConfigHashKey) is var stored && stored != configHash)
        {
            throw new InvalidOperationException(
                $"checkpoint {manifest.Sequence} of '{campaignId}' has configuration {stored}, the campaign {configHash}.");
        }
        var restores = new List<Task> { Scheduler.Restore(Part(loaded, CampaignCheckpoint.CurriculumBlob)) };
        if (!campaign.Config.ExternalTrainer)
        {
            restores.Add(Learner.Restore(Part(loaded, CampaignCheckpoint.PolicyBlob)));
        }
        if (campaign.Config.Replay.Enabled)
        {
            restores.Add(Replay.Restore(Part(loaded, CampaignCheckpoint.ReplayBlob)));
        }
        await Task.WhenAll(restores);
        var progress = CurriculumJson.Deserialize<CampaignProgressRecord>(
            Encoding.UTF8.GetString(loaded.Blob(CampaignCheckpoint.CampaignBlob)), "campaign checkpoint");
        return new RestoredProgress(
            manifest.Sequence,
            progress.PreviousCheckpoint,
            progress.Step,
            progress.PolicyVersion,
            manifest.Metadata.GetValueOrDefault(CampaignCheckpoint.WeightsHashKey),
            progress.Next);
    }

    /// <summary>Deletes what the campaign's retention settings let go, once <paramref name="latest"/> is committed.</summary>
    public Task ApplyRetention(long latest)
    {
        var retention = campaign.Config.Checkpoint;
        return checkpoints.ApplyRetentionAsync(campaignId, latest, new CheckpointRetention(retention.KeepLast, retention.KeepEvery));
    }

    private static CheckpointPart Part(LoadedCheckpoint loaded, string blob) => new(loaded.Manifest.Sequence, loaded.Blob(blob));

    private ILearnerGrain Learner => grains.GetGrain<ILearnerGrain>(campaignId);

    private ICurriculumSchedulerGrain Scheduler => grains.GetGrain<ICurriculumSchedulerGrain>(campaignId);

    private IReplayBufferGrain Replay => grains.GetGrain<IReplayBufferGrain>(campaignId);
}
