using Orleans;
using Orleans.Concurrency;

namespace Rlvr.Grains.Grains;

/// <summary>The ids of every campaign created on this cluster (one grain, key <see cref="Key"/>), for listing.</summary>
public interface ICampaignRegistryGrain : IGrainWithStringKey
{
    const string Key = "campaigns";

    Task Register(string campaignId);

    [ReadOnly]
    Task<IReadOnlyList<string>> List();
}
