using Rlvr.Training.Configuration;
using Rlvr.Training.Replay;

namespace Rlvr.Training.Strategies;

/// <summary>
/// DOTS's rollout replay: recent groups stored and drawn again for part of each batch, within a staleness bound
/// (docs/algorithms.md, Replay).
/// </summary>
public sealed class RolloutReplayDefinition : ReplayPolicyDefinition
{
    public override string Name => "rollout-replay";

    public override string Summary => "a (1 - fresh_fraction) share of each batch drawn from stored recent groups, at most max_staleness versions old";

    public override string Paper => "DOTS + RR: Sun et al., NeurIPS 2025 (arXiv 2506.05316), rollout replay";

    public override void Validate(ReplayConfig config, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(errors);
        errors.Positive("replay.capacity", config.Capacity);
        errors.Closed01("replay.fresh_fraction", config.FreshFraction);
        errors.NonNegative("replay.max_staleness", config.MaxStaleness);
    }

    public override ReplayBuffer Create(ReplayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ReplayBuffer(new ReplayOptions(config.Capacity, config.FreshFraction, config.MaxStaleness));
    }
}
