using Microsoft.Extensions.Logging;
using Rlvr.Runtime.Activations;
using Rlvr.Runtime.Calls;

namespace Rlvr.Runtime.Timers;

/// <summary>A grain timer: each tick is queued as a turn of its activation; the next is scheduled when the tick ends.</summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly Activation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly TimeSpan _dueTime;
    private readonly TimeSpan _period;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Timer _timer;

    public GrainTimer(Activation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        _activation = activation;
        _callback = callback;
        _dueTime = dueTime;
        _period = period;
        using (ExecutionContext.SuppressFlow())
        {
            _timer = new Timer(static state => ((GrainTimer)state!).Fire(), this, Timeout.Infinite, Timeout.Infinite);
        }
    }

    public void Start() => _timer.Change(_dueTime, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }
        _disposed.Cancel();
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }

    private void ScheduleNext()
    {
        if (_period == Timeout.InfiniteTimeSpan)
        {
            return;
        }
        try
        {
            _timer.Change(_period, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // disposed by the grain during the tick
        }
    }

    private void Fire()
    {
        if (!_disposed.IsCancellationRequested && !_activation.TryEnqueue(new Tick(this)))
        {
            Dispose();
        }
    }

    private sealed class Tick(GrainTimer timer) : Turn(TurnKind.Exclusive)
    {
        public override bool KeepsAlive => false;

        public override bool IsExpired(long now) => false;

        public override async Task RunAsync(Activation activation)
        {
            RequestContext.Current = new CallFrame(activation.GrainId, "timer", long.MaxValue, caller: null);
            try
            {
                await timer._callback(timer._disposed.Token);
            }
            catch (Exception error)
            {
                activation.Logger.LogError(error, "Timer of grain {GrainId} failed", activation.GrainId);
            }
            finally
            {
                activation.TurnFinished(this);
                timer.ScheduleNext();
            }
        }

        public override void Reject(Exception error) { }

        public override void Forward(Catalog catalog) { }
    }
}
