using System.Diagnostics;

namespace Rlvr.Torch.Tests;

// Resident memory is process-wide: run alone, not beside tests that allocate.
[CollectionDefinition(nameof(LifetimeTests), DisableParallelization = true)]
public sealed class LifetimeTestsIsolation;

[Collection(nameof(LifetimeTests))]
public sealed class LifetimeTests
{
    [Fact]
    public void CreateFreeCyclesDoNotGrowMemory()
    {
        var config = new PolicyConfig(VocabSize: 8, Width: 8, Layers: 1, Heads: 2, ContextLength: 8);
        Cycle(config, 1_000);
        var before = ResidentBytes();

        Cycle(config, 10_000);

        var growth = ResidentBytes() - before;
        // One leaked policy of this size is about 10 KB: 10k leaks would add about 100 MB.
        Assert.True(growth < 16 * 1024 * 1024, $"resident memory grew by {growth / 1024} KB over 10k cycles");
    }

    private static void Cycle(PolicyConfig config, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var policy = Policy.Create(config, seed: (ulong)i);
        }
    }

    private static long ResidentBytes()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
