using Rlvr.Grains.Campaigns;

namespace Rlvr.Grains.Grains;

/// <summary>The scheduler's stored state: its spec, the last observed step, and the exported selector and accumulator states.</summary>
public sealed class CurriculumSchedulerState
{
    public CampaignSpec? Spec { get; set; }

    public long Step { get; set; }

    public string? SelectorState { get; set; }

    public string? AccumulatorState { get; set; }
}
