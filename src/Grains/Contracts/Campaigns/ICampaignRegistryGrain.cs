using Orleans.Concurrency;
using Rlvr.Grains.Sweeps;

namespace Rlvr.Grains.Contracts;

/// <summary>
/// The ids of every campaign created on this cluster (one grain, key <see cref="Key"/>), for listing, and of those
/// running, which a starting silo revives. The registry keyed <see cref="SweepGrain.RegistryKey"/> keeps sweeps the same way.
/// </summary>
[Alias("rlvr.ICampaignRegistryGrain")]
public interface ICampaignRegistryGrain : IGrainWithStringKey
{
    const string Key = "campaigns";

    Task Register(string campaignId);

    /// <summary>Forgets a deleted campaign (listed and running marks both); one not registered changes nothing.</summary>
    Task Unregister(string campaignId);

    [ReadOnly]
    Task<IReadOnlyList<string>> List();

    /// <summary>Marks a registered campaign running or not; the campaign keeps this in step with its watchdog reminder.</summary>
    Task SetRunning(string campaignId, bool running);

    [ReadOnly]
    Task<IReadOnlyList<string>> ListRunning();
}
