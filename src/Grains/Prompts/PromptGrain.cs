using Rlvr.Grains.Contracts;

namespace Rlvr.Grains.Prompts;

public sealed class PromptGrain([PersistentState("prompt")] IPersistentState<PromptStatistics> state) : Grain, IPromptGrain
{
    public async Task Observe(PromptObservation observation)
    {
        var observed = state.State.Observe(observation);
        if (!ReferenceEquals(observed, state.State))
        {
            state.State = observed;
            await state.WriteStateAsync();
        }
    }

    public Task<PromptStatistics> GetStatistics() => Task.FromResult(state.State);

    public async Task Delete()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }
        DeactivateOnIdle();
    }
}
