namespace Rlvr.Torch;

/// <summary>The CPU kernels this process runs: ATen's capability, OpenBLAS's core ("" on another BLAS), and whether the
/// pin chose them.</summary>
public sealed record CpuKernelDispatch(string AtenCapability, string BlasCore, bool Pinned)
{
    public override string ToString() =>
        $"ATen {AtenCapability}{(BlasCore.Length > 0 ? $", OpenBLAS {BlasCore}" : "")}{(Pinned ? " (pinned)" : "")}";
}
