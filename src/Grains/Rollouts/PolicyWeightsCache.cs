using Microsoft.Extensions.Logging;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Storage.Chunks;
using Rlvr.Storage.Deltas;
using F = Rlvr.Grains.Learner.PolicyPublicationFormat;

namespace Rlvr.Grains.Rollouts;

/// <summary>
/// The policy weights a silo's rollout workers sample with: read from the checkpoint store where the learner published
/// them (the learner's answer is only their address), once per campaign, configuration and version however many workers
/// on the silo ask, and kept for the two latest versions asked (a pipelined campaign samples with the version before
/// the one it evaluates). A version published as a delta is rebuilt from the version before when this silo holds it,
/// else read whole; a delta that does not rebuild the learner's bytes exactly falls back to the whole version, logged.
/// A campaign created again under its id with another configuration starts its versions over, so its versions are not
/// the old ones. A failed fetch is not kept.
/// </summary>
public sealed partial class PolicyWeightsCache(IGrainFactory grains, ChunkedBlobStore store, ILogger<PolicyWeightsCache> logger)
{
    private const int VersionsKept = 2;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Versions> _campaigns = new(StringComparer.Ordinal);
    private long _bytesFetched;

    /// <summary>Fetches started, counted for the tests and the benchmarks.</summary>
    public long Fetches { get; private set; }

    /// <summary>Bytes read from the checkpoint store, counted for the tests and the benchmarks.</summary>
    public long BytesFetched => Interlocked.Read(ref _bytesFetched);

    public Task<PolicyWeights> Get(string campaignId, string configHash, long version) => Get(campaignId, configHash, version, whole: false);

    /// <summary>
    /// The version read whole, replacing what is kept of it: for a worker whose import of the kept weights did not have
    /// the learner's hash.
    /// </summary>
    public Task<PolicyWeights> GetWhole(string campaignId, string configHash, long version) => Get(campaignId, configHash, version, whole: true);

    private Task<PolicyWeights> Get(string campaignId, string configHash, long version, bool whole)
    {
        lock (_lock)
        {
            if (!_campaigns.TryGetValue(campaignId, out var versions) || versions.ConfigHash != configHash)
            {
                _campaigns[campaignId] = versions = new Versions(configHash);
            }
            var index = versions.FindIndex(v => v.Version == version);
            if (index >= 0 && !whole && !versions[index].Weights.IsFaulted && !versions[index].Weights.IsCanceled)
            {
                return versions[index].Weights;
            }
            if (index >= 0)
            {
                versions.RemoveAt(index);
            }
            var before = versions.Find(v => v.Version == version - 1).Weights;
            var fetch = Task.Run(() => Fetch(campaignId, configHash, version, whole ? null : before));
            Fetches++;
            versions.Add((version, fetch));
            if (versions.Count > VersionsKept)
            {
                versions.RemoveAt(0);
            }
            return fetch;
        }
    }

    private async Task<PolicyWeights> Fetch(string campaignId, string configHash, long version, Task<PolicyWeights>? before)
    {
        var learner = grains.GetGrain<ILearnerGrain>(campaignId);
        var publication = await learner.GetPublication(configHash, version);
        var manifest = await Manifest(publication);
        KillPoints.Reach(KillPoints.MidFetch, version);
        if (manifest.Require(F.Kind) == F.Delta)
        {
            if (await Completed(before) is { } previous && previous.Version == version - 1)
            {
                var delta = await Read(manifest);
                try
                {
                    return Weights(publication, WordDelta.Apply(previous.Weights, delta));
                }
                catch (InvalidDataException e)
                {
                    LogDeltaRejected(logger, campaignId, version, e.Message);
                }
            }
            publication = await learner.GetFullPublication(configHash, version);
            manifest = await Manifest(publication);
        }
        return Weights(publication, await Read(manifest));
    }

    private async Task<ChunkedBlobManifest> Manifest(PolicyPublication publication) =>
        await store.GetManifestAsync(publication.Collection, publication.Sequence)
            ?? throw new InvalidOperationException(
                $"policy version {publication.Version} is not in the checkpoint store (blob {publication.Sequence} of '{publication.Collection}'), though the learner published it.");

    private async Task<byte[]> Read(ChunkedBlobManifest manifest)
    {
        var read = await store.ReadAsync(manifest);
        Interlocked.Add(ref _bytesFetched, read.BytesFetched);
        return read.Data;
    }

    private static async Task<PolicyWeights?> Completed(Task<PolicyWeights>? fetch)
    {
        try
        {
            return fetch is null ? null : await fetch;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Its own asker saw the failure; here it only means there is no base for a delta.
            return null;
        }
    }

    private static PolicyWeights Weights(PolicyPublication publication, byte[] weights) =>
        new(publication.Version, publication.Shape, weights, publication.WeightsHash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The delta of policy version {Version} of campaign {Campaign} did not rebuild the learner's weights ({Problem}); reading the whole version instead")]
    private static partial void LogDeltaRejected(ILogger logger, string campaign, long version, string problem);

    /// <summary>The versions kept of one configuration of a campaign, oldest first.</summary>
    private sealed class Versions(string configHash) : List<(long Version, Task<PolicyWeights> Weights)>
    {
        public string ConfigHash { get; } = configHash;
    }
}
