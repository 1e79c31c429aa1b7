using Orleans;
using Orleans.Concurrency;
using Rlvr.Grains.Grpo;

namespace Rlvr.Grains.Grains;

/// <summary>
/// One rollout group of a campaign step (key: <see cref="CampaignGrainKeys.RolloutGroup(string, long, string, int)"/>):
/// the ledger that makes a step's rollouts exactly-once. A step recomputed after a crash takes a scored group from
/// here instead of generating it again; the group moves pending -> scored -> consumed.
/// </summary>
public interface IRolloutGroupGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<RolloutGroupEntry> GetEntry();

    /// <summary>
    /// Records the generated and scored group in one write. Recording under a key that is already scored changes
    /// nothing: the key fixes the sampling seed, so it is the same group.
    /// </summary>
    Task Record(RolloutGroup group);

    /// <summary>The learner update that trained on the group is done: scored -> consumed. Idempotent.</summary>
    Task MarkConsumed();
}
