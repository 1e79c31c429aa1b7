using System.CommandLine;
using Rlvr.Torch;

namespace Rlvr.Cli;

/// <summary>
/// --cpu-kernels of the commands that host a learner: pinned (the same bits on any AVX2 CPU) or native, spelled in
/// lowercase as everywhere in this tool (help, completion, errors).
/// </summary>
internal static class CpuKernelsOption
{
    private const string Pinned = "pinned";
    private const string Native = "native";

    public static Option<string> Create()
    {
        var option = new Option<string>("--cpu-kernels")
        {
            Description = "pinned: libtorch's and OpenBLAS's AVX2 kernels on any x86-64 CPU with AVX2, whatever "
                + "OPENBLAS_CORETYPE or ATEN_CPU_CAPABILITY say, so results are the same bits on every such machine; "
                + "native: each library's choice for this CPU (faster on some, with its own rounding)",
            DefaultValueFactory = _ => Pinned,
        };
        option.AcceptOnlyFromAmong(Pinned, Native);
        return option;
    }

    public static CpuKernels Value(ParseResult result, Option<string> option) => result.GetValue(option) == Native ? CpuKernels.Native : CpuKernels.Pinned;
}
