using Orleans;
using Rlvr.Grains.Grpo;

namespace Rlvr.Grains.Grains;

public sealed class RolloutLedgerGrain([PersistentState("ledger")] IPersistentState<RolloutStepRecord> state)
    : Grain, IRolloutLedgerGrain
{
    public Task<RolloutStepRecord> GetRecord() => Task.FromResult(state.State);

    public async Task Record(IReadOnlyList<RolloutGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var recorded = state.State.Groups.Select(RolloutGroupId.Of).ToHashSet();
        var added = groups.Where(g => recorded.Add(RolloutGroupId.Of(g))).ToList();
        if (added.Count > 0)
        {
            state.State = state.State with { Groups = [.. state.State.Groups, .. added] };
            await state.WriteStateAsync();
        }
    }

    public async Task MarkTrained(IReadOnlyList<RolloutGroupId> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (state.State.Trained is null)
        {
            state.State = state.State with { Trained = groups };
            await state.WriteStateAsync();
        }
        // Nothing reads a trained step in a running campaign (replay keeps its own copies): free the memory now.
        DeactivateOnIdle();
    }

    public async Task Clear()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }
        DeactivateOnIdle();
    }
}
