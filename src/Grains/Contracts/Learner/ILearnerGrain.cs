using Orleans.Concurrency;
using Rlvr.Storage.Checkpoints;
using Rlvr.Torch;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Grpo;

namespace Rlvr.Grains.Contracts;

/// <summary>Owns a campaign's policy (key: campaign id): warm start, GRPO updates, weights published by version.</summary>
[Alias("rlvr.ILearnerGrain")]
public interface ILearnerGrain : ICampaignDataGrain
{
    /// <summary>
    /// Creates the policy and applies the (cached) warm start; version 0. Idempotent for the same spec; another spec starts
    /// over (left by a creation that failed or crashed).
    /// </summary>
    [ResponseTimeout("01:00:00")]
    Task<PolicySnapshot> Initialize(CampaignSpec spec);

    /// <summary>One GRPO update on the groups; bumps the policy version.</summary>
    [ResponseTimeout("00:30:00")]
    Task<LearnerUpdate> Update(long stepNumber, IReadOnlyList<RolloutGroup> groups);

    /// <summary>Writes the policy (weights, optimizer, generator) as a blob of the campaign's checkpoint at <paramref name="stepNumber"/>.</summary>
    Task<CheckpointBlob> WriteCheckpoint(long stepNumber);

    /// <summary>Loads the policy blob of a committed checkpoint; its version becomes the checkpoint's step.</summary>
    Task Restore(CheckpointPart part);

    /// <summary>
    /// The weights of policy <paramref name="version"/>: the current one, or the one before it while an update runs (a
    /// pipelined campaign samples with it then). Served from immutable bytes published once per version, so it
    /// interleaves with an update.
    /// </summary>
    [AlwaysInterleave]
    Task<PolicyWeights> GetWeights(string configHash, long version);

    Task<PolicySnapshot> GetSnapshot();
}

/// <summary>The policy's version, the hash of its weights, and whether its warm start came from the cache.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.PolicySnapshot")]
public sealed record PolicySnapshot(long Version, string WeightsHash, bool WarmStartFromCache);

/// <summary>The result of one update: the new version and weights hash, the learner statistics, response tokens trained on.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.LearnerUpdate")]
public sealed record LearnerUpdate(long Version, string WeightsHash, UpdateStatistics Stats, long ResponseTokens);

/// <summary>A published policy: its shape, version and weights.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.PolicyWeights")]
public sealed record PolicyWeights(long Version, PolicyConfig Shape, byte[] Weights);
