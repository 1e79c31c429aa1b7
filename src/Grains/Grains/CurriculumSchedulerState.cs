using Rlvr.Grains.Campaigns;

namespace Rlvr.Grains.Grains;

/// <summary>The scheduler's stored state: its spec. The curriculum itself lives in the campaign's checkpoints.</summary>
public sealed class CurriculumSchedulerState
{
    public CampaignSpec? Spec { get; set; }
}
