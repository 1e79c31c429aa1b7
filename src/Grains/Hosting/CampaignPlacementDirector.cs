using Orleans.Runtime.Placement;

namespace Rlvr.Grains.Hosting;

/// <summary>See <see cref="CampaignPlacement"/>.</summary>
public sealed class CampaignPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var compatible = context.GetCompatibleSilos(target);
        if (target.RequestContextData?.TryGetValue(CampaignPlacement.SlotKey, out var value) == true && value is int slot)
        {
            var ordered = compatible.OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToList();
            return Task.FromResult(ordered[(int)((uint)slot % (uint)ordered.Count)]);
        }
        return Task.FromResult(context.LocalSiloStatus == SiloStatus.Active && compatible.Contains(context.LocalSilo)
            ? context.LocalSilo
            : compatible[Random.Shared.Next(compatible.Length)]);
    }
}
