namespace Rlvr.Api.LoadBench;

/// <summary>When each step of the campaign finished (as its event arrived) and its held-out evaluation time; waiting for a given step.</summary>
internal sealed class StepClock
{
    private readonly Dictionary<long, (DateTime At, double EvaluationMs)> _finished = [];
    private readonly object _lock = new();

    public void Record(long step, double evaluationMs)
    {
        lock (_lock)
        {
            _finished[step] = (DateTime.UtcNow, evaluationMs);
        }
    }

    /// <summary>Training time of the steps after <paramref name="from"/> up to <paramref name="to"/>: wall time less held-out evaluations, which are measurement.</summary>
    public TimeSpan TrainingTime(long from, long to)
    {
        lock (_lock)
        {
            var evaluation = Enumerable.Range((int)from + 1, (int)(to - from)).Sum(s => _finished[s].EvaluationMs);
            return _finished[to].At - _finished[from].At - TimeSpan.FromMilliseconds(evaluation);
        }
    }

    public async Task WaitFor(long step)
    {
        while (true)
        {
            lock (_lock)
            {
                if (step == 0 || _finished.ContainsKey(step))
                {
                    return;
                }
            }
            await Task.Delay(20);
        }
    }
}
