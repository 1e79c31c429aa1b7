using Microsoft.Extensions.DependencyInjection;

namespace Rlvr.Cluster.Benchmarks;

/// <summary>
/// Where a checkpoint benchmark writes: the product's checkpoint store over the medium, registered as the silo
/// registers it, and the baseline, a plain copy of bytes into the same medium (no checksum, no manifest).
/// </summary>
internal interface ICheckpointMedium : IAsyncDisposable
{
    IServiceCollection AddCheckpointStore(IServiceCollection services);

    Task PlainWriteAsync(string key, ReadOnlyMemory<byte> data);

    Task<byte[]> PlainReadAsync(string key);

    Task PlainDeleteAsync(string key);
}
