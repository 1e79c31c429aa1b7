using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Rlvr.Runtime.Timers;

namespace Rlvr.Runtime.Activations;

/// <summary>
/// One activation of a grain: its instance, its mailbox and the single-consumer loop that starts turns. Turns run on a
/// scheduler that executes one task at a time on the thread pool, so grain code never runs on two threads at once
/// and continuations after an await come back to it. The loop awaits an exclusive turn before starting the next one and
/// lets read-only turns overlap each other; interleaving turns skip the mailbox and overlap anything.
/// </summary>
internal sealed class Activation
{
    private const int NotDeactivating = -1;

    private readonly Channel<Turn> _mailbox = Channel.CreateUnbounded<Turn>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskScheduler _scheduler = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _activated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> _interleaved = [];
    private readonly List<GrainTimer> _timers = [];
    private readonly Catalog _catalog;
    private readonly Func<Activation, ValueTask> _onClosed;
    private int _pending;
    private long _lastActive = Environment.TickCount64;
    private int _deactivationReason = NotDeactivating;
    private bool _closing;

    public Activation(GrainId grainId, GrainClassInfo grainClass, Catalog catalog, Func<Activation, ValueTask> onClosed)
    {
        GrainId = grainId;
        GrainClass = grainClass;
        _catalog = catalog;
        _onClosed = onClosed;
    }

    public GrainId GrainId { get; }

    public GrainClassInfo GrainClass { get; }

    public IServiceProvider Services => _catalog.Services;

    public ILogger Logger => _catalog.Logger;

    /// <summary>The grain instance; set before any turn runs.</summary>
    public Grain Instance { get; private set; } = null!;

    /// <summary>Completes once the activation is deactivated and gone from the catalog.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Turns queued or running.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public void Start()
    {
        // The loop must not inherit the request context of the call that happened to create the activation.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(RunAsync);
        }
    }

    /// <summary>Queues <paramref name="turn"/>; false when the activation is closing (the caller waits for <see cref="Closed"/> and retries).</summary>
    public bool TryEnqueue(Turn turn)
    {
        Interlocked.Increment(ref _pending);
        if (turn.Kind == TurnKind.Interleave ? !TryStartInterleaved(turn) : !_mailbox.Writer.TryWrite(turn))
        {
            Interlocked.Decrement(ref _pending);
            return false;
        }
        if (turn.KeepsAlive)
        {
            Volatile.Write(ref _lastActive, Environment.TickCount64);
        }
        return true;
    }

    public void TurnCompleted() => Interlocked.Decrement(ref _pending);

    public bool IsIdle(long now, long collectionAgeMilliseconds) =>
        Pending == 0 && now - Volatile.Read(ref _lastActive) >= collectionAgeMilliseconds;

    /// <summary>Deactivates after the running turns; calls queued from now on go to the grain's next activation.</summary>
    public void Deactivate(DeactivationReason reason)
    {
        Interlocked.CompareExchange(ref _deactivationReason, (int)reason, NotDeactivating);
        lock (_interleaved)
        {
            _closing = true;
        }
        _mailbox.Writer.TryComplete();
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period);
        lock (_timers)
        {
            _timers.Add(timer);
        }
        timer.Start();
        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_timers)
        {
            _timers.Remove(timer);
        }
    }

    private async Task RunAsync()
    {
        try
        {
            await OnSchedulerAsync(ActivateAsync);
        }
        catch (Exception error)
        {
            await FailActivationAsync(error);
            return;
        }
        _activated.SetResult();
        var readers = new List<Task>();
        List<Turn>? forwarded = null;
        var reader = _mailbox.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var turn))
            {
                if (Volatile.Read(ref _deactivationReason) != NotDeactivating)
                {
                    TurnCompleted();
                    (forwarded ??= []).Add(turn);
                }
                else if (turn.IsExpired(Environment.TickCount64))
                {
                    TurnCompleted();
                }
                else if (turn.Kind == TurnKind.ReadOnly)
                {
                    readers.RemoveAll(t => t.IsCompleted);
                    readers.Add(OnSchedulerAsync(() => turn.RunAsync(this)));
                }
                else
                {
                    await Task.WhenAll(readers);
                    readers.Clear();
                    await OnSchedulerAsync(() => turn.RunAsync(this));
                }
            }
        }
        await Task.WhenAll(readers);
        Task[] interleaved;
        lock (_interleaved)
        {
            interleaved = [.. _interleaved];
        }
        await Task.WhenAll(interleaved);
        await CloseAsync(forwarded);
    }

    // Interleaving turns bypass the mailbox: they start at once (after activation), so they are never stuck behind a
    // running exclusive turn, which is what lets a call cycle through an [AlwaysInterleave] method complete.
    private bool TryStartInterleaved(Turn turn)
    {
        lock (_interleaved)
        {
            if (_closing)
            {
                return false;
            }
            _interleaved.RemoveAll(t => t.IsCompleted);
            _interleaved.Add(RunInterleavedAsync(turn));
            return true;
        }
    }

    private async Task RunInterleavedAsync(Turn turn)
    {
        try
        {
            await _activated.Task;
        }
        catch (GrainActivationException failure)
        {
            TurnCompleted();
            turn.Reject(failure);
            return;
        }
        await OnSchedulerAsync(() => turn.RunAsync(this));
    }

    private async Task ActivateAsync()
    {
        if (!GrainClass.IsStatelessWorker)
        {
            var owner = await _catalog.Directory.RegisterAsync(GrainId, _catalog.LocalSilo);
            if (owner != _catalog.LocalSilo)
            {
                throw new InvalidOperationException($"grain {GrainId} is already activated on silo '{owner}'");
            }
        }
        Instance = GrainClass.Activator.Create(this, out var states);
        foreach (var state in states)
        {
            await state.ReadStateAsync();
        }
        await Instance.OnActivateAsync(CancellationToken.None);
    }

    private async Task FailActivationAsync(Exception error)
    {
        _mailbox.Writer.TryComplete();
        var failure = new GrainActivationException($"Grain {GrainId} ({GrainClass.ClassType.FullName}) failed to activate: {error.Message}", error);
        _catalog.Logger.LogError(error, "Grain {GrainId} failed to activate", GrainId);
        lock (_interleaved)
        {
            _closing = true;
        }
        _activated.SetException(failure);
        while (_mailbox.Reader.TryRead(out var turn))
        {
            turn.Reject(failure);
        }
        DisposeTimers();
        await _onClosed(this);
        _closed.SetResult();
    }

    private async Task CloseAsync(List<Turn>? forwarded)
    {
        var reason = (DeactivationReason)Volatile.Read(ref _deactivationReason);
        var timeout = _catalog.Options.DeactivationTimeout;
        try
        {
            using var cancellation = new CancellationTokenSource(timeout);
            await OnSchedulerAsync(() => Instance.OnDeactivateAsync(reason, cancellation.Token)).WaitAsync(timeout);
        }
        catch (Exception error)
        {
            _catalog.Logger.LogWarning(error, "Grain {GrainId} failed to deactivate cleanly ({Reason})", GrainId, reason);
        }
        DisposeTimers();
        await _onClosed(this);
        _closed.SetResult();
        _catalog.Logger.LogDebug("Grain {GrainId} deactivated ({Reason})", GrainId, reason);
        foreach (var turn in forwarded ?? [])
        {
            turn.Forward(_catalog);
        }
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_timers)
        {
            timers = [.. _timers];
        }
        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    private Task OnSchedulerAsync(Func<Task> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _scheduler).Unwrap();
}
