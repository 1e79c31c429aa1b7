using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rlvr.Runtime.Calls;
using Rlvr.Runtime.GrainDirectory;
using Rlvr.Runtime.Hosting;

namespace Rlvr.Runtime.Activations;

/// <summary>The activations of this silo: creates them on first call, collects idle ones, deactivates all at shutdown.</summary>
internal sealed class Catalog(IServiceProvider services, IOptions<SiloOptions> options, LocalSilo localSilo, IGrainDirectory directory, ILogger<Catalog> logger)
    : IDisposable
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();
    private readonly ConcurrentDictionary<GrainId, StatelessWorkerPool> _workerPools = new();
    private Timer? _collector;
    private volatile bool _shuttingDown;

    public IServiceProvider Services { get; } = services;

    public SiloOptions Options { get; } = options.Value;

    public SiloAddress LocalSilo { get; } = localSilo.Address;

    public IGrainDirectory Directory { get; } = directory;

    public ILogger Logger { get; } = logger;

    /// <summary>Activations of this silo, stateless workers included.</summary>
    public int Count => _activations.Count + _workerPools.Values.Sum(pool => pool.Workers.Count);

    /// <summary>The fast path: queues the request on the grain's existing local activation.</summary>
    public bool TryEnqueueLocal(GrainRequest request) =>
        !request.GrainClass.IsStatelessWorker && _activations.TryGetValue(request.Target, out var activation) && activation.TryEnqueue(request);

    /// <summary>Queues the request on the grain's local activation, creating it if needed.</summary>
    public async Task DispatchAsync(GrainRequest request)
    {
        if (request.GrainClass.IsStatelessWorker)
        {
            await _workerPools.GetOrAdd(request.Target, (id, grainClass) => new StatelessWorkerPool(id, grainClass, this), request.GrainClass)
                .DispatchAsync(request);
            return;
        }
        while (true)
        {
            var activation = GetOrCreate(request.Target, request.GrainClass);
            if (activation.TryEnqueue(request))
            {
                return;
            }
            await activation.Closed;
        }
    }

    public void StartCollecting() =>
        _collector = new Timer(_ => CollectIdle(), null, Options.CollectionQuantum, Options.CollectionQuantum);

    /// <summary>Deactivates every activation that has been idle for the collection age.</summary>
    public void CollectIdle()
    {
        var now = Environment.TickCount64;
        var age = (long)Options.CollectionAge.TotalMilliseconds;
        foreach (var activation in AllActivations())
        {
            if (activation.IsIdle(now, age))
            {
                activation.Deactivate(DeactivationReason.Idle);
            }
        }
    }

    /// <summary>Graceful shutdown: deactivates everything and waits, up to the deactivation timeout.</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        _shuttingDown = true;
        _collector?.Dispose();
        var activations = AllActivations().ToList();
        foreach (var activation in activations)
        {
            activation.Deactivate(DeactivationReason.Shutdown);
        }
        try
        {
            await Task.WhenAll(activations.Select(a => a.Closed)).WaitAsync(Options.DeactivationTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            Logger.LogWarning("{Count} activations were still deactivating after {Timeout}", activations.Count(a => !a.Closed.IsCompleted), Options.DeactivationTimeout);
        }
    }

    public Activation CreateActivation(GrainId grainId, GrainClassInfo grainClass, Func<Activation, ValueTask> onClosed) =>
        new(grainId, grainClass, this, onClosed);

    public void Dispose() => _collector?.Dispose();

    private Activation GetOrCreate(GrainId grainId, GrainClassInfo grainClass)
    {
        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }
        if (_shuttingDown)
        {
            throw new SiloShuttingDownException(grainId);
        }
        var created = CreateActivation(grainId, grainClass, RemoveAsync);
        var activation = _activations.GetOrAdd(grainId, created);
        if (ReferenceEquals(activation, created))
        {
            created.Start();
        }
        return activation;
    }

    private async ValueTask RemoveAsync(Activation activation)
    {
        _activations.TryRemove(KeyValuePair.Create(activation.GrainId, activation));
        await Directory.UnregisterAsync(activation.GrainId, LocalSilo);
    }

    private IEnumerable<Activation> AllActivations() =>
        _activations.Values.Concat(_workerPools.Values.SelectMany(pool => pool.Workers));
}
