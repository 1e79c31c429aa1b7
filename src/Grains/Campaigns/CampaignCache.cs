using System.Collections.Concurrent;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Configuration;
using Rlvr.Training.Tasks;
using Rlvr.Training.Verifiers;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// The silo's loaded campaigns by spec. Every grain of a campaign needs its configuration and task catalog, and
/// parsing the YAML and the dataset snapshot on each activation made a restart take seconds. Nothing modifies a
/// <see cref="Campaign"/> after loading, so one instance per spec is shared by all grains. A spec is loaded once
/// even when several grains ask at the same time, off their schedulers; a failed load is not kept.
/// </summary>
public sealed class CampaignCache(VerifierRegistry verifiers, DatasetSnapshotStore datasets)
{
    private readonly ConcurrentDictionary<CampaignSpec, Lazy<Task<Campaign>>> _campaigns = new();

    /// <summary>
    /// The campaign of <paramref name="spec"/>, its dataset read from the snapshot; throws
    /// <see cref="CampaignConfigException"/> as <see cref="CampaignSpec.Load"/> does.
    /// </summary>
    public async Task<Campaign> LoadAsync(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var entry = _campaigns.GetOrAdd(spec, s => new Lazy<Task<Campaign>>(() => Task.Run(() => LoadUncachedAsync(s))));
        try
        {
            return await entry.Value;
        }
        catch
        {
            _campaigns.TryRemove(new KeyValuePair<CampaignSpec, Lazy<Task<Campaign>>>(spec, entry));
            throw;
        }
    }

    private async Task<Campaign> LoadUncachedAsync(CampaignSpec spec)
    {
        if (spec.DatasetSha256 is not { } sha256)
        {
            return spec.Load();
        }
        var content = await datasets.ReadAsync(sha256);
        return spec.Load(JsonlDataset.Read(content, $"dataset {sha256[..12]}", verifiers));
    }
}
