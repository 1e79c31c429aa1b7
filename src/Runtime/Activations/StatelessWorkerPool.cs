using Rlvr.Runtime.Calls;

namespace Rlvr.Runtime.Activations;

/// <summary>The local activations of one stateless worker grain: a call goes to an idle one, a new one, or the least busy.</summary>
internal sealed class StatelessWorkerPool(GrainId grainId, GrainClassInfo grainClass, Catalog catalog)
{
    private readonly List<Activation> _workers = [];

    public IReadOnlyList<Activation> Workers
    {
        get
        {
            lock (_workers)
            {
                return [.. _workers];
            }
        }
    }

    public async Task DispatchAsync(GrainRequest request)
    {
        while (true)
        {
            var worker = Choose();
            if (worker.TryEnqueue(request))
            {
                return;
            }
            await worker.Closed;
        }
    }

    private Activation Choose()
    {
        lock (_workers)
        {
            Activation? leastBusy = null;
            foreach (var worker in _workers)
            {
                if (leastBusy is null || worker.Pending < leastBusy.Pending)
                {
                    leastBusy = worker;
                }
            }
            if (leastBusy is not null && (leastBusy.Pending == 0 || _workers.Count >= grainClass.MaxLocalWorkers))
            {
                return leastBusy;
            }
            var created = catalog.CreateActivation(grainId, grainClass, Remove);
            _workers.Add(created);
            created.Start();
            return created;
        }
    }

    private ValueTask Remove(Activation worker)
    {
        lock (_workers)
        {
            _workers.Remove(worker);
        }
        return ValueTask.CompletedTask;
    }
}
