using Rlvr.Api.Contracts;
using Rlvr.Client;

namespace Rlvr.Integration.Tests.Api;

/// <summary>Waiting for a campaign to reach a state, with a timeout that names where it stood.</summary>
internal static class Poll
{
    // Only a failure guard, which a passing test never waits out: a warm start on a loaded 2-core box took over 2 min.
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    public static async Task<CampaignInfo> Campaign(RlvrClient client, string id, Func<CampaignInfo, bool> until, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var campaign = await client.GetCampaignAsync(id);
            if (until(campaign))
            {
                return campaign;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"campaign '{id}' is still {campaign.Status} at step {campaign.Step} after {timeout ?? DefaultTimeout} ({campaign.Error})");
            }
            await Task.Delay(50);
        }
    }
}
