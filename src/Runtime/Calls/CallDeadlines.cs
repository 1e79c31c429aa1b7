namespace Rlvr.Runtime.Calls;

/// <summary>
/// The deadlines of the calls in flight, kept in a timing wheel swept by one timer, so a call costs no timer of its
/// own: sending links the request into the slot of its deadline, completing unlinks it (both O(1), no allocation), and
/// each sweep fails the requests of the slots whose time has come with <see cref="GrainCallTimeoutException"/>.
/// </summary>
internal sealed class CallDeadlines : IDisposable
{
    /// <summary>Sweep period; a call times out at most this much after its deadline (plus timer jitter).</summary>
    public const int ResolutionMilliseconds = 10;

    // Slots cover about 41 s; a deadline further out waits in its slot for the sweep of a later revolution.
    private const int SlotCount = 4096;

    private readonly GrainRequest?[] _slots = new GrainRequest?[SlotCount];
    private readonly Lock _lock = new();
    private readonly Timer _timer;
    private long _sweptTick = Environment.TickCount64 / ResolutionMilliseconds;

    public CallDeadlines()
    {
        using (ExecutionContext.SuppressFlow())
        {
            _timer = new Timer(static state => ((CallDeadlines)state!).Sweep(), this, ResolutionMilliseconds, Timeout.Infinite);
        }
    }

    public void Add(GrainRequest request)
    {
        lock (_lock)
        {
            // The first tick at or after the deadline, never one already swept.
            var tick = Math.Max(request.Deadline / ResolutionMilliseconds + 1, _sweptTick + 1);
            var slot = (int)(tick & (SlotCount - 1));
            var head = _slots[slot];
            request.DeadlineSlot = slot;
            request.DeadlinePrevious = null;
            request.DeadlineNext = head;
            head?.DeadlinePrevious = request;
            _slots[slot] = request;
        }
    }

    public void Remove(GrainRequest request)
    {
        lock (_lock)
        {
            Unlink(request);
        }
    }

    public void Dispose() => _timer.Dispose();

    // Under the lock; does nothing when the request is not linked.
    private void Unlink(GrainRequest request)
    {
        if (request.DeadlineSlot < 0)
        {
            return;
        }
        if (request.DeadlinePrevious is null)
        {
            _slots[request.DeadlineSlot] = request.DeadlineNext;
        }
        else
        {
            request.DeadlinePrevious.DeadlineNext = request.DeadlineNext;
        }
        request.DeadlineNext?.DeadlinePrevious = request.DeadlinePrevious;
        request.DeadlineSlot = -1;
        request.DeadlinePrevious = null;
        request.DeadlineNext = null;
    }

    private void Sweep()
    {
        var now = Environment.TickCount64;
        List<GrainRequest>? expired = null;
        lock (_lock)
        {
            var nowTick = now / ResolutionMilliseconds;
            var lastTick = Math.Min(nowTick, _sweptTick + SlotCount);
            for (var tick = _sweptTick + 1; tick <= lastTick; tick++)
            {
                GrainRequest? next;
                for (var request = _slots[tick & (SlotCount - 1)]; request is not null; request = next)
                {
                    next = request.DeadlineNext;
                    if (request.Deadline <= now)
                    {
                        Unlink(request);
                        (expired ??= []).Add(request);
                    }
                }
            }
            _sweptTick = Math.Max(_sweptTick, nowTick);
        }
        // Each on its own work item: a caller's continuation runs inline there and must not delay the next sweep.
        foreach (var request in expired ?? [])
        {
            ThreadPool.UnsafeQueueUserWorkItem(static request => request.TimeOut(), request, preferLocal: false);
        }
        try
        {
            _timer.Change(ResolutionMilliseconds, Timeout.Infinite);
        }
        catch (ObjectDisposedException)
        {
            // the silo stopped during the sweep
        }
    }
}
