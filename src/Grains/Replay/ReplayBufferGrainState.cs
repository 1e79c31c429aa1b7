using Rlvr.Training.Campaigns;

namespace Rlvr.Grains.Replay;

/// <summary>The replay grain's stored state: its spec. The buffer itself lives in the campaign's checkpoints.</summary>
[GenerateSerializer, Alias("rlvr.ReplayBufferGrainState")]
public sealed class ReplayBufferGrainState
{
    [Id(0)]
    public CampaignSpec? Spec { get; set; }
}
