using System.Runtime.Intrinsics.X86;

namespace Rlvr.Torch.Tests;

public sealed class CpuKernelTests
{
    [Fact]
    public void ByDefaultLibtorchAndOpenBlasRunTheirAvx2Kernels()
    {
        Assert.True(Avx2.IsSupported && Fma.IsSupported, "the pin needs an x86-64 CPU with AVX2 and FMA");
        using var policy = Toy.Create(seed: 1);

        Assert.Equal(new CpuKernelDispatch("avx2", "Haswell", Pinned: true), TorchRuntime.Kernels);
    }

    [Fact]
    public void TheKernelsCannotChangeOnceLibtorchIsLoaded()
    {
        using var policy = Toy.Create(seed: 1);

        TorchRuntime.UseCpuKernels(CpuKernels.Pinned);
        var refused = Assert.Throws<InvalidOperationException>(() => TorchRuntime.UseCpuKernels(CpuKernels.Native));
        Assert.Contains("already runs Pinned kernels", refused.Message, StringComparison.Ordinal);
    }
}
