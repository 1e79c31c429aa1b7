using Rlvr.Grains.Campaigns;

namespace Rlvr.Grains.Grains;

/// <summary>The learner's stored state: its spec and where its warm start came from. The policy itself lives in the campaign's checkpoints.</summary>
public sealed class LearnerState
{
    public CampaignSpec? Spec { get; set; }

    public bool WarmStartFromCache { get; set; }
}
