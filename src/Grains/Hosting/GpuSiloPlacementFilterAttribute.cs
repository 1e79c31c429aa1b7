using Orleans.Placement;

namespace Rlvr.Grains.Hosting;

/// <summary>Places the grain on a GPU silo when the cluster has one (see <see cref="GpuSiloPlacementFilterDirector"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class GpuSiloPlacementFilterAttribute() : PlacementFilterAttribute(new GpuSiloPlacementFilterStrategy());
