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

    private static int configured;

    /// <summary>The number of intra-op threads libtorch uses now.</summary>
    public static int Threads
    {
        get
        {
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
            var count = NativeMethods.rlvr_cuda_device_count();
            TorchException.ThrowIfFailed();
            return count;
        }
    }

    /// <summary>
    /// Sets libtorch's intra-op thread count (process-wide), and the C library's heap for tensor buffers (see
    /// <see cref="NativeHeap"/>). Results are bit-reproducible on CPU for a fixed count.
    /// </summary>
    public static void SetThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        NativeHeap.Configure();
        TorchException.ThrowIfFailed(NativeMethods.rlvr_set_threads(threads));
        Volatile.Write(ref configured, 1);
    }

    internal static void EnsureConfigured()
    {
        if (Interlocked.CompareExchange(ref configured, 1, 0) == 0)
        {
            NativeHeap.Configure();
            TorchException.ThrowIfFailed(NativeMethods.rlvr_set_threads(DefaultThreads));
        }
    }
}
