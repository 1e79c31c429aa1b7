using Orleans;

namespace Rlvr.Grains.Grains;

/// <summary>Keeps the campaign ids in ordinal order; registering an id twice changes nothing.</summary>
public sealed class CampaignRegistryGrain([PersistentState("campaign-registry")] IPersistentState<CampaignRegistryState> state)
    : Grain, ICampaignRegistryGrain
{
    public async Task Register(string campaignId)
    {
        var ids = state.State.CampaignIds;
        var index = ids.BinarySearch(campaignId, StringComparer.Ordinal);
        if (index < 0)
        {
            ids.Insert(~index, campaignId);
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>(state.State.CampaignIds.ToList());
}
