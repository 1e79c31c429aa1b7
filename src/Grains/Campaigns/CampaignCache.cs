using System.Collections.Concurrent;
using Rlvr.Grains.Configuration;
using Rlvr.Grains.Verifiers;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// The silo's loaded campaigns by spec. Every grain of a campaign needs its configuration and task catalog, and
/// parsing the YAML and generating the catalog on each activation made a restart take seconds. Nothing modifies a
/// <see cref="Campaign"/> after loading, so one instance per spec is shared by all grains. A spec is loaded once
/// even when several grains ask at the same time; a failed load is not kept, so the next call tries again.
/// </summary>
public sealed class CampaignCache(VerifierRegistry verifiers)
{
    private readonly ConcurrentDictionary<CampaignSpec, Lazy<Campaign>> _campaigns = new();

    /// <summary>The campaign of <paramref name="spec"/>; throws <see cref="CampaignConfigException"/> as <see cref="CampaignSpec.Load"/> does.</summary>
    public Campaign Load(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var entry = _campaigns.GetOrAdd(spec, s => new Lazy<Campaign>(() => s.Load(verifiers)));
        try
        {
            return entry.Value;
        }
        catch
        {
            _campaigns.TryRemove(new KeyValuePair<CampaignSpec, Lazy<Campaign>>(spec, entry));
            throw;
        }
    }
}
