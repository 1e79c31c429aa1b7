using Rlvr.Grains.Hosting;
using Rlvr.Torch;

namespace Rlvr.Silo;

/// <summary>What a silo advertises, from Silo:Role and the CUDA devices the shim sees (probing loads libtorch).</summary>
internal static class SiloRole
{
    public static SiloCapabilities Detect(SiloHostOptions options, out string? warning)
    {
        warning = null;
        switch (options.Role.ToUpperInvariant())
        {
            case "CPU":
                return SiloCapabilities.Cpu;
            case "AUTO":
                return TorchRuntime.CudaDeviceCount > 0 ? new SiloCapabilities(true, "cuda:0") : SiloCapabilities.Cpu;
            case "GPU":
                if (TorchRuntime.CudaDeviceCount > 0)
                {
                    return new SiloCapabilities(true, "cuda:0");
                }
                warning = "Silo:Role is Gpu but the shim sees no CUDA device: learners placed here train on the CPU.";
                return new SiloCapabilities(true, "cpu");
            default:
                throw new InvalidOperationException($"Silo:Role is '{options.Role}'; expected Auto, Gpu or Cpu.");
        }
    }

    public static LearnerPlacementOptions Learners(SiloHostOptions options) => options.Learners.ToUpperInvariant() switch
    {
        "PREFERGPU" => new LearnerPlacementOptions(RequireGpu: false, options.Clustered),
        "REQUIREGPU" => new LearnerPlacementOptions(RequireGpu: true, options.Clustered),
        _ => throw new InvalidOperationException($"Silo:Learners is '{options.Learners}'; expected PreferGpu or RequireGpu."),
    };
}
