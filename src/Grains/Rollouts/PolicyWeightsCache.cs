using Rlvr.Grains.Contracts;

namespace Rlvr.Grains.Rollouts;

/// <summary>
/// The policy weights a silo's rollout workers sample with: fetched from the learner once per campaign, configuration
/// and version, however many workers on the silo ask, and kept for the two latest versions asked (a pipelined campaign
/// samples with the version before the one it evaluates). A campaign created again under its id with another
/// configuration starts its versions over, so its versions are not the old ones. A failed fetch is not kept.
/// </summary>
public sealed class PolicyWeightsCache(IGrainFactory grains)
{
    private const int VersionsKept = 2;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Versions> _campaigns = new(StringComparer.Ordinal);

    /// <summary>Fetches from the learner, counted for the tests and the benchmarks.</summary>
    public long Fetches { get; private set; }

    public Task<PolicyWeights> Get(string campaignId, string configHash, long version)
    {
        lock (_lock)
        {
            if (!_campaigns.TryGetValue(campaignId, out var versions) || versions.ConfigHash != configHash)
            {
                _campaigns[campaignId] = versions = new Versions(configHash);
            }
            var index = versions.FindIndex(v => v.Version == version);
            if (index >= 0 && !versions[index].Weights.IsFaulted && !versions[index].Weights.IsCanceled)
            {
                return versions[index].Weights;
            }
            if (index >= 0)
            {
                versions.RemoveAt(index);
            }
            var fetch = grains.GetGrain<ILearnerGrain>(campaignId).GetWeights(configHash, version);
            Fetches++;
            versions.Add((version, fetch));
            if (versions.Count > VersionsKept)
            {
                versions.RemoveAt(0);
            }
            return fetch;
        }
    }

    /// <summary>The versions kept of one configuration of a campaign, oldest first.</summary>
    private sealed class Versions(string configHash) : List<(long Version, Task<PolicyWeights> Weights)>
    {
        public string ConfigHash { get; } = configHash;
    }
}
