using Microsoft.Extensions.DependencyInjection;
using Rlvr.Storage.Checkpoints;

namespace Rlvr.Cluster.Benchmarks;

/// <summary>A temporary directory; the plain copy is one file per key, flushed to the device like a checkpoint file.</summary>
internal sealed class LocalCheckpointMedium : ICheckpointMedium
{
    private readonly string _root = Directory.CreateTempSubdirectory("rlvr-bench-checkpoints-").FullName;

    public LocalCheckpointMedium() => Directory.CreateDirectory(PlainDirectory);

    private string PlainDirectory => Path.Combine(_root, "plain");

    public IServiceCollection AddCheckpointStore(IServiceCollection services) =>
        services.AddLocalCheckpointStore(Path.Combine(_root, "checkpoints"));

    public async Task PlainWriteAsync(string key, ReadOnlyMemory<byte> data)
    {
        using var file = File.OpenHandle(PlainPath(key), FileMode.Create, FileAccess.Write);
        await RandomAccess.WriteAsync(file, data, 0);
        RandomAccess.FlushToDisk(file);
    }

    public Task<byte[]> PlainReadAsync(string key) => File.ReadAllBytesAsync(PlainPath(key));

    public Task PlainDeleteAsync(string key)
    {
        File.Delete(PlainPath(key));
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }

    private string PlainPath(string key) => Path.Combine(PlainDirectory, key);
}
