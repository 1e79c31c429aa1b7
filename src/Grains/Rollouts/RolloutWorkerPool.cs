using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Grains.Hosting;

namespace Rlvr.Grains.Rollouts;

/// <summary>
/// A campaign's rollout workers across the cluster's active silos, in address order: batch i of a call goes to lane
/// i / n of silo i % n, so that every silo samples and a silo's lanes run side by side. Which silo makes a batch changes
/// nothing in it (its prompts' seeds are keyed by prompt, step and round), so a batch whose silo dies is made again on
/// a survivor.
/// </summary>
public sealed class RolloutWorkerPool(string campaignId, IGrainFactory grains, IClusterMembershipService membership)
{
    private const int Attempts = 3;

    private readonly HashSet<SiloAddress> _lost = [];

    public async Task<T> Run<T>(int batch, Func<IRolloutWorkerGrain, Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var attempt = 1; ; attempt++)
        {
            var silos = Silos();
            var silo = silos[batch % silos.Count];
            try
            {
                return await call(grains.GetGrain<IRolloutWorkerGrain>(SiloKeyedPlacement.Key(campaignId, silo, batch / silos.Count)));
            }
            catch (Exception e) when (ClusterFailures.IsSiloLoss(e) && attempt < Attempts)
            {
                // Membership may not have declared it dead yet: this step stops sending it work.
                lock (_lost)
                {
                    _lost.Add(silo);
                }
            }
        }
    }

    private List<SiloAddress> Silos()
    {
        var active = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress)
            .OrderBy(s => s.ToParsableString(), StringComparer.Ordinal)
            .ToList();
        lock (_lost)
        {
            var alive = active.Where(s => !_lost.Contains(s)).ToList();
            return alive.Count > 0 ? alive : active;
        }
    }
}
