using Microsoft.Extensions.Logging;
using Rlvr.Runtime.Timers;

namespace Rlvr.Runtime.Activations;

/// <summary>
/// One activation of a grain: its instance, the turns waiting for it and the rules that start them. Turns run on the
/// activation's own scheduler, which executes one task at a time on the thread pool, so grain code never runs on two
/// threads at once and continuations after an await come back to it. An exclusive turn runs alone until its task
/// completes; read-only turns overlap each other; interleaving turns skip the queue and overlap anything. Turns start
/// in arrival order: a turn that finds the activation free is handed to the scheduler at once, the others wait.
/// </summary>
internal sealed class Activation
{
    private const int NotDeactivating = -1;

    private readonly ActivationScheduler _scheduler;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<Turn> _waiting = new();
    private readonly List<GrainTimer> _timers = [];
    private readonly Catalog _catalog;
    private readonly Func<Activation, ValueTask> _onClosed;
    private List<Turn>? _interleavedWhileActivating;
    private bool _active;
    private bool _closing;
    private bool _exclusiveRunning;
    private int _readersRunning;
    private int _interleavedRunning;
    private int _pending;
    private long _lastActive = Environment.TickCount64;
    private int _deactivationReason = NotDeactivating;

    public Activation(GrainId grainId, GrainClassInfo grainClass, Catalog catalog, Func<Activation, ValueTask> onClosed)
    {
        GrainId = grainId;
        GrainClass = grainClass;
        _catalog = catalog;
        _onClosed = onClosed;
        _scheduler = new ActivationScheduler(this);
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

    private bool Deactivating => Volatile.Read(ref _deactivationReason) != NotDeactivating;

    private bool Idle => !_exclusiveRunning && _readersRunning == 0 && _interleavedRunning == 0;

    public void Start() => RunDetached(ActivateAsync);

    /// <summary>Queues <paramref name="turn"/>; false when the activation is closing (the caller waits for <see cref="Closed"/> and retries).</summary>
    public bool TryEnqueue(Turn turn)
    {
        bool start;
        lock (_waiting)
        {
            if (Deactivating || _closing)
            {
                return false;
            }
            _pending++;
            start = _active && (turn.Kind == TurnKind.Interleave || (_waiting.Count == 0 && IsFree(turn.Kind)));
            if (start)
            {
                MarkRunning(turn.Kind);
            }
            else if (turn.Kind == TurnKind.Interleave)
            {
                (_interleavedWhileActivating ??= []).Add(turn);
            }
            else
            {
                _waiting.Enqueue(turn);
            }
        }
        if (turn.KeepsAlive)
        {
            Volatile.Write(ref _lastActive, Environment.TickCount64);
        }
        // Outside the lock: the turn may start on this thread. Only turns that do not conflict with it can start before.
        if (start)
        {
            _scheduler.RunOrSchedule(turn);
        }
        return true;
    }

    /// <summary>Called once by every turn handed to the scheduler when its task ends (or when it was skipped as expired).</summary>
    public void TurnFinished(Turn turn)
    {
        bool close;
        lock (_waiting)
        {
            _pending--;
            switch (turn.Kind)
            {
                case TurnKind.Exclusive:
                    _exclusiveRunning = false;
                    break;
                case TurnKind.ReadOnly:
                    _readersRunning--;
                    break;
                default:
                    _interleavedRunning--;
                    break;
            }
            close = BeginClosingIfDone();
            if (!close && !Deactivating)
            {
                StartWaiting();
            }
        }
        _scheduler.PublishWhenReleased(turn);
        if (close)
        {
            RunDetached(CloseAsync);
        }
    }

    public bool IsIdle(long now, long collectionAgeMilliseconds) =>
        Pending == 0 && now - Volatile.Read(ref _lastActive) >= collectionAgeMilliseconds;

    /// <summary>Deactivates after the running turns; calls queued from now on go to the grain's next activation.</summary>
    public void Deactivate(DeactivationReason reason)
    {
        bool close;
        lock (_waiting)
        {
            Interlocked.CompareExchange(ref _deactivationReason, (int)reason, NotDeactivating);
            close = BeginClosingIfDone();
        }
        if (close)
        {
            RunDetached(CloseAsync);
        }
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

    // Under the lock. Exclusive turns wait for everything but interleaving turns; read-only turns for exclusive ones.
    private bool IsFree(TurnKind kind) => !_exclusiveRunning && (kind == TurnKind.ReadOnly || _readersRunning == 0);

    // Under the lock.
    private void MarkRunning(TurnKind kind)
    {
        switch (kind)
        {
            case TurnKind.Exclusive:
                _exclusiveRunning = true;
                break;
            case TurnKind.ReadOnly:
                _readersRunning++;
                break;
            default:
                _interleavedRunning++;
                break;
        }
    }

    // Under the lock.
    private void StartTurn(Turn turn)
    {
        MarkRunning(turn.Kind);
        _scheduler.Schedule(turn);
    }

    // Under the lock: starts waiting turns in order while the one at the head may start.
    private void StartWaiting()
    {
        while (_waiting.TryPeek(out var next) && IsFree(next.Kind))
        {
            StartTurn(_waiting.Dequeue());
        }
    }

    // Under the lock: once deactivation is requested and no turn runs any more, the activation closes (once).
    private bool BeginClosingIfDone()
    {
        if (!Deactivating || !_active || _closing || !Idle)
        {
            return false;
        }
        _closing = true;
        return true;
    }

    // A hanging activation (storage, OnActivateAsync) fails after the call timeout with an error naming the grain, so
    // later calls get a fresh activation instead of waiting behind it forever.
    private async Task ActivateAsync()
    {
        var timeout = _catalog.Options.CallTimeout;
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await OnSchedulerAsync(() => CreateInstanceAsync(cancellation.Token)).WaitAsync(cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await FailActivationAsync(new TimeoutException($"activation did not complete within the call timeout ({timeout})"));
            return;
        }
        catch (Exception error)
        {
            await FailActivationAsync(error);
            return;
        }
        bool close;
        lock (_waiting)
        {
            _active = true;
            close = BeginClosingIfDone();
            if (!close && !Deactivating)
            {
                foreach (var turn in _interleavedWhileActivating ?? [])
                {
                    StartTurn(turn);
                }
                _interleavedWhileActivating = null;
                StartWaiting();
            }
        }
        if (close)
        {
            await CloseAsync();
        }
    }

    private async Task CreateInstanceAsync(CancellationToken cancellationToken)
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
            await state.ReadStateAsync(cancellationToken);
        }
        await Instance.OnActivateAsync(cancellationToken);
    }

    private async Task FailActivationAsync(Exception error)
    {
        var failure = new GrainActivationException($"Grain {GrainId} ({GrainClass.ClassType.FullName}) failed to activate: {error.Message}", error);
        _catalog.Logger.LogError(error, "Grain {GrainId} failed to activate", GrainId);
        foreach (var turn in TakeWaiting())
        {
            turn.Reject(failure);
        }
        DisposeTimers();
        await _onClosed(this);
        _closed.SetResult();
    }

    private async Task CloseAsync()
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
        foreach (var turn in TakeWaiting())
        {
            turn.Forward(_catalog);
        }
    }

    // Closes the activation to new turns and takes the ones that never started.
    private List<Turn> TakeWaiting()
    {
        lock (_waiting)
        {
            _closing = true;
            List<Turn> turns = [.. _interleavedWhileActivating ?? [], .. _waiting];
            _interleavedWhileActivating = null;
            _waiting.Clear();
            _pending -= turns.Count;
            return turns;
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

    // Activation and close run on the thread pool's default scheduler, never on the scheduler of the turn that began
    // them, and do not inherit its execution context (request context).
    private static void RunDetached(Func<Task> work)
    {
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(work);
        }
    }

    private Task OnSchedulerAsync(Func<Task> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _scheduler).Unwrap();
}
