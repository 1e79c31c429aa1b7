using Rlvr.Training.Campaigns;

namespace Rlvr.Grains.Learner;

/// <summary>The learner's stored state: its spec and where its warm start came from. The policy itself lives in the campaign's checkpoints.</summary>
[GenerateSerializer, Alias("rlvr.LearnerState")]
public sealed class LearnerState
{
    [Id(0)]
    public CampaignSpec? Spec { get; set; }

    [Id(1)]
    public bool WarmStartFromCache { get; set; }
}
