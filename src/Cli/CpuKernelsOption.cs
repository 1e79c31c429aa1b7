using System.CommandLine;
using Rlvr.Torch;

namespace Rlvr.Cli;

/// <summary>--cpu-kernels of the commands that host a learner: pinned (the same bits on any AVX2 CPU) or native.</summary>
internal static class CpuKernelsOption
{
    public static Option<CpuKernels> Create() => new("--cpu-kernels")
    {
        Description = "pinned: libtorch's and OpenBLAS's AVX2 kernels on any x86-64 CPU with AVX2, whatever "
            + "OPENBLAS_CORETYPE or ATEN_CPU_CAPABILITY say, so results are the same bits on every such machine; "
            + "native: each library's choice for this CPU (faster on some, with its own rounding)",
        DefaultValueFactory = _ => CpuKernels.Pinned,
    };
}
