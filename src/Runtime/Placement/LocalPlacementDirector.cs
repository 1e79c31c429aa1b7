using Rlvr.Runtime.Activations;

namespace Rlvr.Runtime.Placement;

/// <summary>Single-silo placement: every grain is activated here.</summary>
internal sealed class LocalPlacementDirector(LocalSilo localSilo) : IPlacementDirector
{
    public ValueTask<SiloAddress> PlaceAsync(GrainId grain, GrainClassInfo grainClass) => ValueTask.FromResult(localSilo.Address);
}
