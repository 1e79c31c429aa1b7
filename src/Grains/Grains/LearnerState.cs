using Rlvr.Grains.Campaigns;

namespace Rlvr.Grains.Grains;

/// <summary>The learner's stored state: its spec and version; the policy itself lives in a file under the campaign directory.</summary>
public sealed class LearnerState
{
    public CampaignSpec? Spec { get; set; }

    public long Version { get; set; }

    public string WeightsHash { get; set; } = string.Empty;

    public bool WarmStartFromCache { get; set; }
}
