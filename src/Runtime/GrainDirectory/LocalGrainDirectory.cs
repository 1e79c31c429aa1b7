using System.Collections.Concurrent;

namespace Rlvr.Runtime.GrainDirectory;

/// <summary>The directory of a single silo: an in-memory map.</summary>
internal sealed class LocalGrainDirectory : IGrainDirectory
{
    private readonly ConcurrentDictionary<GrainId, SiloAddress> _entries = new();

    public ValueTask<SiloAddress?> LookupAsync(GrainId grain) =>
        ValueTask.FromResult(_entries.TryGetValue(grain, out var silo) ? silo : null);

    public ValueTask<SiloAddress> RegisterAsync(GrainId grain, SiloAddress silo) =>
        ValueTask.FromResult(_entries.GetOrAdd(grain, silo));

    public ValueTask UnregisterAsync(GrainId grain, SiloAddress silo)
    {
        _entries.TryRemove(KeyValuePair.Create(grain, silo));
        return ValueTask.CompletedTask;
    }
}
