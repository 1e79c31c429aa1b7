namespace Rlvr.Torch;

/// <summary>Which CPU kernels libtorch and OpenBLAS dispatch to, chosen once per process before libtorch loads.</summary>
public enum CpuKernels
{
    /// <summary>
    /// The AVX2 kernels (ATen's avx2 capability, OpenBLAS's Haswell core) on any x86-64 CPU with AVX2 and FMA, whatever
    /// the environment says: the same configuration gives the same bits on every such machine.
    /// </summary>
    Pinned,

    /// <summary>The kernels each library picks for this CPU (or its environment variables name): faster on some CPUs,
    /// with a rounding of their own.</summary>
    Native,
}
