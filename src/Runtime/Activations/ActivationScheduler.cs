namespace Rlvr.Runtime.Activations;

/// <summary>
/// Runs one activation's work one item at a time, in order, on the thread pool: turns the activation starts and the
/// continuations of its grain code (which resume here because a turn runs as a task of this scheduler). One thread-pool
/// work item drains the queue, so a turn started while another item runs costs no further hop.
/// </summary>
internal sealed class ActivationScheduler : TaskScheduler, IThreadPoolWorkItem
{
    // Items per work item before yielding the pool thread, so one busy activation cannot hold it indefinitely.
    private const int BatchSize = 64;

    private readonly Activation _activation;
    private readonly Action<object?> _runTurn;
    private readonly Queue<object> _queue = new();
    private bool _queued;
    private int _runningThread;

    public ActivationScheduler(Activation activation)
    {
        _activation = activation;
        _runTurn = turn => _ = ((Turn)turn!).RunAsync(_activation);
    }

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>Queues the start of <paramref name="turn"/> (its first synchronous part runs as a task of this scheduler).</summary>
    public void Schedule(Turn turn) => Enqueue(turn);

    void IThreadPoolWorkItem.Execute()
    {
        _runningThread = Environment.CurrentManagedThreadId;
        for (var i = 0; i < BatchSize; i++)
        {
            object? item;
            lock (_queue)
            {
                if (!_queue.TryDequeue(out item))
                {
                    _runningThread = 0;
                    _queued = false;
                    return;
                }
            }
            if (item is Task task)
            {
                TryExecuteTask(task);
            }
            else
            {
                Start((Turn)item);
            }
        }
        _runningThread = 0;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    protected override void QueueTask(Task task) => Enqueue(task);

    // Inlining is safe only on the thread already draining this queue: it is the one thread running this activation.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        _runningThread == Environment.CurrentManagedThreadId && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_queue)
        {
            return [.. _queue.OfType<Task>()];
        }
    }

    private void Enqueue(object item)
    {
        lock (_queue)
        {
            _queue.Enqueue(item);
            if (_queued)
            {
                return;
            }
            _queued = true;
        }
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    // The task is created here, on the draining thread, so a turn never inherits its caller's execution context.
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
