using Orleans.Runtime.Placement;

namespace Rlvr.Grains.Hosting;

public sealed class SiloKeyedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var compatible = context.GetCompatibleSilos(target);
        var named = SiloKeyedPlacement.Silo(target.GrainIdentity.Key.ToString());
        return Task.FromResult(named is not null && compatible.Contains(named)
            ? named
            : compatible[Random.Shared.Next(compatible.Length)]);
    }
}
