using Orleans;
using Orleans.Placement;

namespace Rlvr.Grains.Placement;

[GenerateSerializer, Immutable]
public sealed class GpuSiloPlacementFilterStrategy() : PlacementFilterStrategy(order: 0);
