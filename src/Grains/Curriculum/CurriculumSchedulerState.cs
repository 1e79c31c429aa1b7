using Rlvr.Training.Campaigns;

namespace Rlvr.Grains.Curriculum;

/// <summary>The scheduler's stored state: its spec. The curriculum itself lives in the campaign's checkpoints.</summary>
[GenerateSerializer, Alias("rlvr.CurriculumSchedulerState")]
public sealed class CurriculumSchedulerState
{
    [Id(0)]
    public CampaignSpec? Spec { get; set; }
}
