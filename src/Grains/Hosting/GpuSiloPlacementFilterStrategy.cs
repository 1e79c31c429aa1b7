using Orleans;
using Orleans.Placement;

namespace Rlvr.Grains.Hosting;

[GenerateSerializer, Immutable]
public sealed class GpuSiloPlacementFilterStrategy() : PlacementFilterStrategy(order: 0);
