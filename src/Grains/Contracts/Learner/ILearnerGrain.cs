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
    /// Where policy <paramref name="version"/> is published in the checkpoint store (the current version, or the one
    /// before it while an update runs: a pipelined campaign samples with it then): the weights travel through storage,
    /// only this address through Orleans. Published once per version, so it interleaves with an update.
    /// </summary>
    [AlwaysInterleave]
    Task<PolicyPublication> GetPublication(string configHash, long version);

    /// <summary>
    /// Policy <paramref name="version"/> published whole (written on the first ask): for a silo that lacks the version
    /// a delta was made against, or whose rebuilt weights did not check out.
    /// </summary>
    [AlwaysInterleave]
    Task<PolicyPublication> GetFullPublication(string configHash, long version);

    Task<PolicySnapshot> GetSnapshot();
}

/// <summary>The policy's version, the hash of its weights, and whether its warm start came from the cache.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.PolicySnapshot")]
public sealed record PolicySnapshot(long Version, string WeightsHash, bool WarmStartFromCache);

/// <summary>The result of one update: the new version and weights hash, the learner statistics, response tokens trained on.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.LearnerUpdate")]
public sealed record LearnerUpdate(long Version, string WeightsHash, UpdateStatistics Stats, long ResponseTokens);

/// <summary>
/// A published policy version: its shape, the learner's hash of its weights, and the chunked blob in the checkpoint
/// store that holds them (whole, or as a delta from the version before).
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.PolicyPublication")]
public sealed record PolicyPublication(long Version, PolicyConfig Shape, string WeightsHash, string Collection, long Sequence);
