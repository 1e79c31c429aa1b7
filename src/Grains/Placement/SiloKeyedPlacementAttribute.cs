using Orleans.Placement;

namespace Rlvr.Grains.Placement;

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloKeyedPlacementAttribute() : PlacementAttribute(new SiloKeyedPlacement());
