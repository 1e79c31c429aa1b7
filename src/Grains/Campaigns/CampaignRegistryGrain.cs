using Rlvr.Grains.Contracts;

namespace Rlvr.Grains.Campaigns;

/// <summary>Keeps the campaign ids, and the running ones, in ordinal order; registering or marking twice changes nothing.</summary>
public sealed class CampaignRegistryGrain([PersistentState("campaign-registry")] IPersistentState<CampaignRegistryState> state)
    : Grain, ICampaignRegistryGrain
{
    public async Task Register(string campaignId)
    {
        if (Include(state.State.CampaignIds, campaignId, true))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task Unregister(string campaignId)
    {
        // Both, then one write: '|' so that the second is not skipped when the first changed something.
        if (Include(state.State.CampaignIds, campaignId, false) | Include(state.State.RunningIds, campaignId, false))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>(state.State.CampaignIds.ToList());

    public async Task SetRunning(string campaignId, bool running)
    {
        if (Include(state.State.RunningIds, campaignId, running))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> ListRunning() => Task.FromResult<IReadOnlyList<string>>(state.State.RunningIds.ToList());

    /// <summary>Puts <paramref name="id"/> in the sorted <paramref name="ids"/> or takes it out; true when that changed them.</summary>
    private static bool Include(List<string> ids, string id, bool included)
    {
        var index = ids.BinarySearch(id, StringComparer.Ordinal);
        if (included && index < 0)
        {
            ids.Insert(~index, id);
            return true;
        }
        if (!included && index >= 0)
        {
            ids.RemoveAt(index);
            return true;
        }
        return false;
    }
}
