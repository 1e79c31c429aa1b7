namespace Rlvr.Grains.Tests.Faults;

/// <summary>
/// Decides, from a seeded generator, which storage writes fail and how: before reaching storage (a refused or timed-out
/// write), or after committing (the answer lost: the caller cannot tell whether it landed). Counts both.
/// </summary>
internal sealed class FlakyStorageFaults(int seed, double failBefore, double failAfterCommit)
{
    private readonly Random _random = new(seed);
    private readonly object _lock = new();

    public int FailedBefore { get; private set; }

    public int FailedAfterCommit { get; private set; }

    public void BeforeWrite(string what)
    {
        lock (_lock)
        {
            if (_random.NextDouble() < failBefore)
            {
                FailedBefore++;
                throw new TimeoutException($"injected: {what} did not reach storage");
            }
        }
    }

    public void AfterCommit(string what)
    {
        lock (_lock)
        {
            if (_random.NextDouble() < failAfterCommit)
            {
                FailedAfterCommit++;
                throw new TimeoutException($"injected: {what} committed, but the answer was lost");
            }
        }
    }
}
