namespace Rlvr.Grains.Grains;

/// <summary>Where a rollout group is in its step, in order: a ledger entry only moves forward.</summary>
public enum RolloutGroupStatus
{
    /// <summary>Nothing recorded under the key yet.</summary>
    Pending,

    /// <summary>
    /// Completions sampled but not yet verified. The rollout workers sample and verify in one call, so the ledger
    /// records a group once, already scored; this status is the one a split generate/verify pipeline would record first.
    /// </summary>
    Generated,

    /// <summary>Completions, rewards and advantages recorded: the group is reused, never regenerated, under its key.</summary>
    Scored,

    /// <summary>A learner update trained on the group and completed.</summary>
    Consumed,
}
