using System.Threading.Channels;

namespace Rlvr.Grains.Hosting;

/// <summary>
/// A thread of its own for a grain's libtorch calls, off the grain scheduler. glibc keeps each thread on the malloc arena
/// it first used, and every arena keeps what it freed: on the thread pool a learner's updates landed in every arena, and
/// each held a whole update's tensors (peak RSS 2.0 GB on the step-speed campaign; 0.85 GB with a thread per grain,
/// at the same speed: see the README's Performance section).
/// </summary>
public sealed class NativeCallThread : TaskScheduler
{
    private readonly Channel<Task> _queue = Channel.CreateUnbounded<Task>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskFactory _factory;
    private volatile bool _stopped;

    public NativeCallThread(string name)
    {
        var thread = new Thread(() =>
        {
            var reader = _queue.Reader;
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var task))
                {
                    TryExecuteTask(task);
                }
            }
        })
        { IsBackground = true, Name = name };
        thread.Start();
        _factory = new TaskFactory(CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskContinuationOptions.None, this);
    }

    public Task<T> Run<T>(Func<T> work) => _stopped ? throw StoppedError() : _factory.StartNew(work);

    public Task Run(Action work) => _stopped ? throw StoppedError() : _factory.StartNew(work);

    /// <summary>Ends the thread once the calls queued so far have run.</summary>
    public void Stop()
    {
        _stopped = true;
        _queue.Writer.TryComplete();
    }

    protected override void QueueTask(Task task)
    {
        if (!_queue.Writer.TryWrite(task))
        {
            throw StoppedError();
        }
    }

    private static InvalidOperationException StoppedError() => new("the grain's native call thread has stopped.");

    // Never inline: a native call runs on this thread or not at all.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => [];
}
