using Orleans;

namespace Rlvr.Grains.Grains;

/// <summary>The registry's stored state: campaign ids, sorted ordinally.</summary>
[GenerateSerializer]
public sealed class CampaignRegistryState
{
    [Id(0)]
    public List<string> CampaignIds { get; set; } = [];
}
