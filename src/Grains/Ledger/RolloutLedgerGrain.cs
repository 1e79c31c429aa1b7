using Rlvr.Grains.Contracts;
using Rlvr.Training.Grpo;

namespace Rlvr.Grains.Ledger;

/// <summary>
/// A step's page of the rollout ledger. The groups and the trained mark are stored apart, so that marking a step
/// trained writes a few ids, not its groups again.
/// </summary>
public sealed class RolloutLedgerGrain(
    [PersistentState("ledger")] IPersistentState<RolloutStepRecord> page,
    [PersistentState("trained")] IPersistentState<TrainedGroups> trained)
    : Grain, IRolloutLedgerGrain
{
    public Task<RolloutStepRecord> GetRecord() =>
        Task.FromResult(page.State with { Trained = trained.RecordExists ? trained.State.Ids : null });

    public async Task Record(IReadOnlyList<RolloutGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var recorded = page.State.Groups.Select(RolloutGroupId.Of).ToHashSet();
        var added = groups.Where(g => recorded.Add(RolloutGroupId.Of(g))).ToList();
        if (added.Count > 0)
        {
            page.State = page.State with { Groups = [.. page.State.Groups, .. added] };
            await page.WriteStateAsync();
        }
    }

    public async Task MarkTrained(IReadOnlyList<RolloutGroupId> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (!trained.RecordExists)
        {
            trained.State = new TrainedGroups(groups);
            await trained.WriteStateAsync();
        }
        // Nothing reads a trained step in a running campaign (replay keeps its own copies): free the memory now.
        DeactivateOnIdle();
    }

    public async Task Clear()
    {
        if (page.RecordExists)
        {
            await page.ClearStateAsync();
        }
        if (trained.RecordExists)
        {
            await trained.ClearStateAsync();
        }
        DeactivateOnIdle();
    }
}
