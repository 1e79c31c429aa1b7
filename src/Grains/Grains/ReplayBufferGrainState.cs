using Rlvr.Grains.Campaigns;

namespace Rlvr.Grains.Grains;

/// <summary>The replay grain's stored state: its spec. The buffer itself lives in the campaign's checkpoints.</summary>
public sealed class ReplayBufferGrainState
{
    public CampaignSpec? Spec { get; set; }
}
