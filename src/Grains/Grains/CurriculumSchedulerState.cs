using Orleans;
using Rlvr.Grains.Campaigns;

namespace Rlvr.Grains.Grains;

/// <summary>The scheduler's stored state: its spec. The curriculum itself lives in the campaign's checkpoints.</summary>
[GenerateSerializer]
public sealed class CurriculumSchedulerState
{
    [Id(0)]
    public CampaignSpec? Spec { get; set; }
}
