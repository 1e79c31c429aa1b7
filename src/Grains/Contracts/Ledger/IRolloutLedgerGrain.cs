using Orleans.Concurrency;
using Rlvr.Grains.Campaigns;
using Rlvr.Training.Grpo;

namespace Rlvr.Grains.Contracts;

/// <summary>
/// One step's page of the rollout ledger (key: <see cref="CampaignGrainKeys.RolloutLedger"/>), which makes a step's
/// rollouts exactly-once: a step recomputed after a crash takes its scored groups from here instead of generating them
/// again. A group's key, (step, prompt, round), fixes its sampling seed, so one key is one group.
/// </summary>
[Alias("rlvr.IRolloutLedgerGrain")]
public interface IRolloutLedgerGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<RolloutStepRecord> GetRecord();

    /// <summary>
    /// Records scored groups of the step in one write of those groups (not of the page). A group whose (prompt, round)
    /// is already recorded is skipped: it is the same group.
    /// </summary>
    Task Record(IReadOnlyList<RolloutGroup> groups);

    /// <summary>The step's learner update is done and trained on <paramref name="groups"/>. Idempotent.</summary>
    Task MarkTrained(IReadOnlyList<RolloutGroupId> groups);

    /// <summary>Deletes the page: the step is behind a checkpoint that no restore will go back past.</summary>
    Task Clear();
}
