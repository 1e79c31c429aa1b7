using System.Collections.Concurrent;

namespace Rlvr.Runtime.Tests.Grains;

/// <summary>A silo service the test grains report to, so tests observe activations, turns and ticks.</summary>
public sealed class Probe
{
    private int _running;
    private int _maxRunning;

    public ConcurrentQueue<string> Events { get; } = new();

    public int MaxConcurrentTurns => Volatile.Read(ref _maxRunning);

    public void Record(string text) => Events.Enqueue(text);

    public int Count(string text) => Events.Count(e => e == text);

    /// <summary>Counts a turn as running for <paramref name="duration"/> across an await, tracking the most seen at once.</summary>
    public async Task RunTurnAsync(TimeSpan duration)
    {
        var running = Interlocked.Increment(ref _running);
        int max;
        while (running > (max = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, running, max) != max)
        {
        }
        await Task.Delay(duration);
        Interlocked.Decrement(ref _running);
    }

    public async Task WaitForAsync(Func<Probe, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}; events: {string.Join(", ", Events)}");
            }
            await Task.Delay(10);
        }
    }
}
