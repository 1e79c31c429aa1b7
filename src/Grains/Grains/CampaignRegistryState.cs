namespace Rlvr.Grains.Grains;

/// <summary>The registry's stored state: campaign ids, sorted ordinally.</summary>
public sealed class CampaignRegistryState
{
    public List<string> CampaignIds { get; set; } = [];
}
