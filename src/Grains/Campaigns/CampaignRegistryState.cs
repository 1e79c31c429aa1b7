namespace Rlvr.Grains.Campaigns;

/// <summary>The registry's stored state: campaign ids and the running ones, each sorted ordinally.</summary>
[GenerateSerializer, Alias("rlvr.CampaignRegistryState")]
public sealed class CampaignRegistryState
{
    [Id(0)]
    public List<string> CampaignIds { get; set; } = [];

    [Id(1)]
    public List<string> RunningIds { get; set; } = [];
}
