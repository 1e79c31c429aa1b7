using System.Runtime.InteropServices;
using Rlvr.Torch.Native;

namespace Rlvr.Torch;

/// <summary>Process-wide libtorch settings.</summary>
public static class TorchRuntime
{
    /// <summary>
    /// The intra-op thread count applied before the first policy is created unless <see cref="SetThreads"/>
    /// was called (measured by bench/torch-threads: see the benchmark report).
    /// </summary>
    public const int DefaultThreads = 1;

    private static readonly Lock Gate = new();
    private static CpuKernels kernels = CpuKernels.Pinned;
    private static bool loaded;
    private static bool pinned;
    private static int threadsConfigured;

    /// <summary>The number of intra-op threads libtorch uses now.</summary>
    public static int Threads
    {
        get
        {
            EnsureConfigured();
            var threads = NativeMethods.rlvr_get_threads();
            TorchException.ThrowIfFailed();
            return threads;
        }
    }

    /// <summary>CUDA devices usable by this build of the shim (0 with a CPU-only libtorch).</summary>
    public static int CudaDeviceCount
    {
        get
        {
            EnsureConfigured();
            var count = NativeMethods.rlvr_cuda_device_count();
            TorchException.ThrowIfFailed();
            return count;
        }
    }

    /// <summary>The CPU kernels libtorch and OpenBLAS dispatch to in this process.</summary>
    public static CpuKernelDispatch Kernels
    {
        get
        {
            EnsureConfigured();
            var capability = NativeMethods.rlvr_cpu_capability();
            TorchException.ThrowIfFailed();
            var core = NativeMethods.rlvr_blas_core();
            TorchException.ThrowIfFailed();
            return new CpuKernelDispatch(Marshal.PtrToStringUTF8(capability)!, Marshal.PtrToStringUTF8(core)!, pinned);
        }
    }

    /// <summary>
    /// Chooses the CPU kernels (default <see cref="CpuKernels.Pinned"/>). They are fixed when libtorch loads, at the
    /// first call into it: a different choice after that throws.
    /// </summary>
    public static void UseCpuKernels(CpuKernels choice)
    {
        lock (Gate)
        {
            if (loaded && choice != kernels)
            {
                throw new InvalidOperationException(
                    $"the CPU kernels are chosen before libtorch loads; this process already runs {kernels} kernels");
            }
            kernels = choice;
        }
    }

    /// <summary>
    /// Sets libtorch's intra-op thread count (process-wide), and the C library's heap for tensor buffers (see
    /// <see cref="NativeHeap"/>). Results are bit-reproducible on CPU for a fixed count.
    /// </summary>
    public static void SetThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        PrepareLoad();
        TorchException.ThrowIfFailed(NativeMethods.rlvr_set_threads(threads));
        Volatile.Write(ref threadsConfigured, 1);
    }

    internal static void EnsureConfigured()
    {
        PrepareLoad();
        if (Interlocked.CompareExchange(ref threadsConfigured, 1, 0) == 0)
        {
            TorchException.ThrowIfFailed(NativeMethods.rlvr_set_threads(DefaultThreads));
        }
    }

    // What must precede the shim's loading (the first native call): the pin and the heap settings.
    private static void PrepareLoad()
    {
        lock (Gate)
        {
            if (!loaded)
            {
                pinned = kernels == CpuKernels.Pinned && CpuKernelPin.Apply();
                NativeHeap.Configure();
                loaded = true;
            }
        }
    }
}
