using Orleans.Concurrency;
using Rlvr.Storage.Checkpoints;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Grpo;

namespace Rlvr.Grains.Contracts;

/// <summary>A campaign's rollout replay buffer (key: campaign id); configured only when replay is enabled.</summary>
[Alias("rlvr.IReplayBufferGrain")]
public interface IReplayBufferGrain : ICampaignDataGrain
{
    Task Configure(CampaignSpec spec);

    /// <summary>Up to (1 - delta) * B stored groups within the staleness bound of <paramref name="policyVersion"/>.</summary>
    Task<IReadOnlyList<RolloutGroup>> Draw(long stepNumber, int batchSize, long policyVersion);

    /// <summary>Admits a step's informative fresh groups; answers the groups stored after.</summary>
    Task<int> Add(IReadOnlyList<RolloutGroup> groups);

    /// <summary>Writes the buffer as a blob of the campaign's checkpoint at <paramref name="stepNumber"/>.</summary>
    Task<CheckpointBlob> WriteCheckpoint(long stepNumber);

    /// <summary>Replaces the buffer with its blob of a committed checkpoint.</summary>
    Task Restore(CheckpointPart part);

    [ReadOnly]
    Task<ReplayStats> GetStats();
}

/// <summary>Whether the campaign replays (the buffer was configured), groups stored now, admitted and replayed so far.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.ReplayStats")]
public sealed record ReplayStats(bool Enabled, int Stored, long Admitted, long Replayed);
