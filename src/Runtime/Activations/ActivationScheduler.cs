namespace Rlvr.Runtime.Activations;

/// <summary>
/// Runs one activation's work one item at a time, in order: turns the activation starts and the continuations of its
/// grain code (which resume here because a turn runs as a task of this scheduler). Whoever owns the activation runs its
/// items: a thread-pool work item that drains the queue, so a turn started while another item runs costs no further
/// hop; or, for a turn that finds the activation idle, a caller outside any grain whose execution context is empty,
/// which runs the turn's first synchronous part itself instead of waking a pool thread. Finished turns are published
/// once the owner has let go of the activation, on the same thread: a caller's continuation runs there inline instead
/// of costing another hop, and it can neither block nor re-enter the activation.
/// </summary>
internal sealed class ActivationScheduler : TaskScheduler, IThreadPoolWorkItem
{
    // Items per work item before yielding the pool thread, so one busy activation cannot hold it indefinitely.
    private const int BatchSize = 64;

    // The execution context of a thread that has none (a singleton): a caller running in it carries no AsyncLocal
    // (no request context), so a turn it runs inherits nothing from it.
    private static readonly ExecutionContext? EmptyContext = CaptureEmptyContext();

    private readonly Activation _activation;
    private readonly Action<object?> _runTurn;
    private readonly Queue<object> _queue = new();
    private bool _owned;
    private int _ownerThread;
    private Turn? _finishedFirst;
    private Turn? _finishedLast;

    public ActivationScheduler(Activation activation)
    {
        _activation = activation;
        _runTurn = turn => _ = ((Turn)turn!).RunAsync(_activation);
    }

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>Queues the start of <paramref name="turn"/> (its first synchronous part runs as a task of this scheduler).</summary>
    public void Schedule(Turn turn) => Enqueue(turn);

    /// <summary>
    /// Starts <paramref name="turn"/> on the calling thread when the activation is idle and the caller is outside any
    /// grain, with an empty execution context and no synchronization context; otherwise queues it.
    /// </summary>
    public void RunOrSchedule(Turn turn)
    {
        if (SynchronizationContext.Current is null && TaskScheduler.Current == Default
            && ReferenceEquals(ExecutionContext.Capture(), EmptyContext) && TryOwnIdle())
        {
            Start(turn);
            ReleaseAndPublish();
            return;
        }
        Enqueue(turn);
    }

    /// <summary>Publishes <paramref name="turn"/> when the owner lets go of the activation (at once off its thread).</summary>
    public void PublishWhenReleased(Turn turn)
    {
        if (_ownerThread != Environment.CurrentManagedThreadId)
        {
            turn.Publish();
            return;
        }
        if (_finishedLast is null)
        {
            _finishedFirst = turn;
        }
        else
        {
            _finishedLast.NextFinished = turn;
        }
        _finishedLast = turn;
    }

    void IThreadPoolWorkItem.Execute()
    {
        _ownerThread = Environment.CurrentManagedThreadId;
        var drained = false;
        for (var i = 0; i < BatchSize && !drained; i++)
        {
            object? item;
            lock (_queue)
            {
                drained = !_queue.TryDequeue(out item);
            }
            if (item is Task task)
            {
                TryExecuteTask(task);
            }
            else if (item is Turn turn)
            {
                Start(turn);
            }
        }
        ReleaseAndPublish();
    }

    protected override void QueueTask(Task task) => Enqueue(task);

    // Inlining is safe only on the owner's thread: it is the one thread running this activation.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        _ownerThread == Environment.CurrentManagedThreadId && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_queue)
        {
            return [.. _queue.OfType<Task>()];
        }
    }

    private static ExecutionContext? CaptureEmptyContext()
    {
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(ExecutionContext.Capture).GetAwaiter().GetResult();
        }
    }

    private bool TryOwnIdle()
    {
        lock (_queue)
        {
            if (_owned)
            {
                return false;
            }
            _owned = true;
            _ownerThread = Environment.CurrentManagedThreadId;
            return true;
        }
    }

    private void Enqueue(object item)
    {
        lock (_queue)
        {
            _queue.Enqueue(item);
            if (_owned)
            {
                return;
            }
            _owned = true;
        }
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    // Lets go of the activation (a work item drains what is left), then publishes the turns finished meanwhile.
    private void ReleaseAndPublish()
    {
        var finished = _finishedFirst;
        _finishedFirst = _finishedLast = null;
        var drained = false;
        lock (_queue)
        {
            _ownerThread = 0;
            if (_queue.Count == 0)
            {
                _owned = false;
                drained = true;
            }
        }
        if (!drained)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        while (finished is not null)
        {
            var next = finished.NextFinished;
            finished.NextFinished = null;
            finished.Publish();
            finished = next;
        }
    }

    // The task captures the owner's execution context, which is empty, so a turn never inherits its caller's.
    private void Start(Turn turn)
    {
        if (turn.IsExpired(Environment.TickCount64))
        {
            _activation.TurnFinished(turn);
            return;
        }
        new Task(_runTurn, turn).RunSynchronously(this);
    }
}
