using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Rlvr.Grains.Hosting;

/// <summary>
/// Narrows a learner's candidate silos to the GPU silos. With none in the cluster the learner goes to a CPU silo with a
/// warning, or, when <see cref="LearnerPlacementOptions.RequireGpu"/>, is refused with an error that says why.
/// </summary>
public sealed partial class GpuSiloPlacementFilterDirector(
    ISiloMetadataCache metadata, LearnerPlacementOptions options, ILogger<GpuSiloPlacementFilterDirector> logger)
    : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var candidates = silos.ToList();
        var gpu = candidates.Where(s => SiloCapabilities.IsGpu(metadata.GetSiloMetadata(s).Metadata)).ToList();
        if (gpu.Count > 0)
        {
            return gpu;
        }
        if (options.RequireGpu)
        {
            throw new GpuSiloRequiredException(
                $"{target.GrainIdentity} needs a GPU silo and the cluster has none (Silo:Learners is RequireGpu); " +
                "start a silo with a GPU (or Silo:Role=Gpu) and resume the campaign.");
        }
        if (options.Clustered)
        {
            LogNoGpuSilo(logger, target.GrainIdentity);
        }
        return candidates;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No GPU silo in the cluster: {Grain} is placed on a CPU silo")]
    private static partial void LogNoGpuSilo(ILogger logger, GrainId grain);
}
