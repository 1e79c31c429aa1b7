using System.Runtime.InteropServices;

namespace Rlvr.Torch.Native;

/// <summary>
/// glibc malloc settings for tensor buffers. By default glibc starts with a 128 KiB mmap threshold and raises it only as
/// large blocks are freed, so a fresh process's first training steps mmap, page-fault and unmap nearly every activation
/// and gradient buffer: measured, the first GRPO steps took about twice the CPU time of later ones. Starting from what the
/// adaptive thresholds end at (32 MiB, trimming at twice that) reuses freed buffers from the first step. glibc also gives
/// every thread that meets a locked arena an arena of its own (up to 8 per core), each keeping up to the trim threshold of
/// freed memory: libtorch runs on whichever thread-pool thread calls it, so a campaign's process held 37 arenas' heaps of
/// 64 MiB (2.6 GB peak RSS for a 0.8M-parameter model). Four arenas: 1.3 GB, the same results, the same speed (two gave
/// 1.0 GB but slowed the two-thread warm start by a quarter).
/// </summary>
internal static partial class NativeHeap
{
    private const int TrimThresholdOption = -1; // M_TRIM_THRESHOLD
    private const int MmapThresholdOption = -3; // M_MMAP_THRESHOLD
    private const int ArenaMaxOption = -8; // M_ARENA_MAX
    private const int MmapThreshold = 32 << 20; // DEFAULT_MMAP_THRESHOLD_MAX on 64-bit platforms
    private const int Arenas = 4;

    public static void Configure()
    {
        // Best effort: other C libraries ignore these options (musl) or have no mallopt (macOS, Windows).
        if (OperatingSystem.IsLinux())
        {
            _ = mallopt(MmapThresholdOption, MmapThreshold);
            _ = mallopt(TrimThresholdOption, 2 * MmapThreshold);
            _ = mallopt(ArenaMaxOption, Arenas);
        }
    }

    [LibraryImport("libc")]
    private static partial int mallopt(int option, int value);
}
