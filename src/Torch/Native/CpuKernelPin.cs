using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Rlvr.Torch.Native;

/// <summary>
/// Pins the CPU kernels of libtorch, OpenBLAS and oneDNN to AVX2 through the variables they read when they load (OpenBLAS)
/// or first dispatch (ATen, oneDNN). They read the C library's environment, which .NET's Environment does not write, so
/// the pin calls setenv itself, before the shim and its libraries load.
/// </summary>
internal static partial class CpuKernelPin
{
    private static readonly (string Name, string Value)[] Variables =
    [
        ("OPENBLAS_CORETYPE", "Haswell"),
        ("ATEN_CPU_CAPABILITY", "avx2"),
        ("DNNL_MAX_CPU_ISA", "AVX2"),
        ("ONEDNN_MAX_CPU_ISA", "AVX2"),
    ];

    /// <summary>True when the CPU can run the pinned kernels (x86-64 with AVX2 and FMA) and the pin was set.</summary>
    public static bool Apply()
    {
        if (!OperatingSystem.IsLinux() || !Avx2.IsSupported || !Fma.IsSupported)
        {
            return false;
        }
        foreach (var (name, value) in Variables)
        {
            if (setenv(name, value, overwrite: 1) != 0)
            {
                throw new InvalidOperationException($"setenv {name}={value} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        return true;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int setenv(string name, string value, int overwrite);
}
