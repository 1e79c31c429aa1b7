using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Rlvr.Runtime.Storage;
using Rlvr.Runtime.Storage.InMemory;
using Rlvr.Runtime.Storage.Resilience;
using Rlvr.Runtime.Tests.Grains;

namespace Rlvr.Runtime.Tests;

public sealed class RefusedWriteTests
{
    [Fact]
    public async Task StorageThatRefusesWritesIsRetriedThenReportedToTheCaller()
    {
        var refusing = new RefusingStorage();
        var retry = new StorageRetryOptions { MaxRetryAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(1) };
        await using var silo = await SiloHarness.StartAsync(services: services => services.AddKeyedSingleton<IGrainStorage>(
            PersistentStateAttribute.DefaultStorageName,
            new ResilientGrainStorage(refusing, "refusing", retry, NullLogger<ResilientGrainStorage>.Instance)));

        var error = await Assert.ThrowsAsync<GrainStorageException>(() => silo.Grains.GetGrain<ICounterGrain>("c").Increment());

        Assert.Equal(3, refusing.WriteAttempts);
        Assert.Equal(3, error.Attempts);
        Assert.Contains("CounterGrain/c#counter", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await silo.Grains.GetGrain<ICounterGrain>("other").Read());
    }

    /// <summary>Reads like an empty store; every write times out.</summary>
    private sealed class RefusingStorage : IGrainStorage
    {
        private readonly InMemoryGrainStorage _inner = new();
        private int _writeAttempts;

        public int WriteAttempts => Volatile.Read(ref _writeAttempts);

        public Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default) => _inner.ReadAsync(key, cancellationToken);

        public Task<string> WriteAsync(GrainStateKey key, string json, string? expectedETag, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _writeAttempts);
            throw new TimeoutException("storage refused the write");
        }

        public Task ClearAsync(GrainStateKey key, string? expectedETag, CancellationToken cancellationToken = default) => _inner.ClearAsync(key, expectedETag, cancellationToken);
    }
}
