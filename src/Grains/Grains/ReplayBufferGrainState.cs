using Rlvr.Grains.Campaigns;

namespace Rlvr.Grains.Grains;

/// <summary>The replay grain's stored state: its spec and the exported buffer.</summary>
public sealed class ReplayBufferGrainState
{
    public CampaignSpec? Spec { get; set; }

    public string? Buffer { get; set; }
}
