using System.Diagnostics;
using Rlvr.Training.Metrics;

namespace Rlvr.Grains.Campaigns;

public enum Phase
{
    Selection,
    Rollout,
    Verification,
    Update,
    Bookkeeping,
    Evaluation,
}

/// <summary>Accumulates a step's wall time by phase.</summary>
public sealed class PhaseClock
{
    private readonly double[] _ms = new double[Enum.GetValues<Phase>().Length];

    public async Task<T> Time<T>(Phase phase, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await work();
        }
        finally
        {
            Add(phase, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    public async Task Time(Phase phase, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await work();
        }
        finally
        {
            Add(phase, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    public void Add(Phase phase, double milliseconds) => _ms[(int)phase] += milliseconds;

    /// <summary>Parallel rollout calls: the verification share is the slowest worker's; the rest of the wall time is sampling.</summary>
    public void AddRollout(TimeSpan wall, double verificationMs)
    {
        var verification = Math.Min(verificationMs, wall.TotalMilliseconds);
        Add(Phase.Verification, verification);
        Add(Phase.Rollout, wall.TotalMilliseconds - verification);
    }

    public PhaseTimings Timings() => new(
        _ms[(int)Phase.Selection],
        _ms[(int)Phase.Rollout],
        _ms[(int)Phase.Verification],
        _ms[(int)Phase.Update],
        _ms[(int)Phase.Bookkeeping],
        _ms[(int)Phase.Evaluation]);
}
