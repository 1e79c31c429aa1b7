using Orleans;
using Rlvr.Grains.Grpo;

namespace Rlvr.Grains.Grains;

public sealed class RolloutGroupGrain([PersistentState("group")] IPersistentState<RolloutGroupEntry> state) : Grain, IRolloutGroupGrain
{
    public Task<RolloutGroupEntry> GetEntry() => Task.FromResult(state.State);

    public async Task Record(RolloutGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (state.State.IsScored)
        {
            return;
        }
        state.State = new RolloutGroupEntry { Status = RolloutGroupStatus.Scored, Group = group };
        await state.WriteStateAsync();
    }

    public async Task MarkConsumed()
    {
        switch (state.State.Status)
        {
            case RolloutGroupStatus.Consumed:
                return;
            case RolloutGroupStatus.Scored:
                state.State = state.State with { Status = RolloutGroupStatus.Consumed };
                await state.WriteStateAsync();
                // Nothing reads a consumed group in a running campaign (replay keeps its own copies): free the memory now
                // rather than at idle collection.
                DeactivateOnIdle();
                return;
            default:
                throw new InvalidOperationException(
                    $"rollout group '{this.GetPrimaryKeyString()}' is {state.State.Status}: only a scored group can be consumed.");
        }
    }
}
