using Orleans.Placement;

namespace Rlvr.Grains.Hosting;

[GenerateSerializer, Immutable, Alias("rlvr.GpuSiloPlacementFilterStrategy")]
public sealed class GpuSiloPlacementFilterStrategy() : PlacementFilterStrategy(order: 0);
