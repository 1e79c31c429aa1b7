using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rlvr.Storage.Azure;
using Rlvr.Storage.Chunks;
using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Checkpoints;

/// <summary>Registers the silo's checkpoint store (behind the retry decorator), and the <see cref="CheckpointRepository"/> and <see cref="ChunkedBlobStore"/> over it.</summary>
public static class CheckpointServiceCollectionExtensions
{
    /// <summary>What a silo keeps of the chunks it read: enough for a few versions of a small model's weights.</summary>
    private const long ChunkCacheBytes = 64L << 20;

    /// <summary>Checkpoints under a local or mounted directory.</summary>
    public static IServiceCollection AddLocalCheckpointStore(this IServiceCollection services, string root, StorageRetryOptions? retry = null) =>
        services.AddCheckpointStore("local directory", _ => new LocalCheckpointStore(root), retry);

    /// <summary>
    /// Checkpoints in PostgreSQL (tables rlvr_checkpoint_blobs and rlvr_checkpoint_manifests, created if absent).
    /// The store is a singleton of its own so that the container disposes its connection pool.
    /// </summary>
    public static IServiceCollection AddPostgresCheckpointStore(this IServiceCollection services, string connectionString, StorageRetryOptions? retry = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddSingleton(_ => new PostgresCheckpointStore(connectionString));
        return services.AddCheckpointStore("PostgreSQL", provider => provider.GetRequiredService<PostgresCheckpointStore>(), retry);
    }

    /// <summary>
    /// Checkpoints in the Azure Blob container <paramref name="container"/> (created if absent) of the storage account
    /// that <paramref name="connectionString"/> names.
    /// </summary>
    public static IServiceCollection AddAzureBlobCheckpointStore(this IServiceCollection services, string connectionString,
        string container = "rlvr-checkpoints") =>
        services.AddCheckpointStore("Azure Blob", _ => new AzureBlobCheckpointStore(connectionString, container));

    /// <summary>
    /// Checkpoints from any store (e.g. PostgreSQL, or a fault-injecting one in tests), behind retries. A store that can
    /// check itself (<see cref="IStartupCheck"/>) is checked when the host starts, so a wrong setting stops the host there.
    /// </summary>
    public static IServiceCollection AddCheckpointStore(this IServiceCollection services, string label, Func<IServiceProvider, ICheckpointStore> create, StorageRetryOptions? retry = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(create);
        services.AddSingleton(provider => new CheckpointBackend(create(provider)));
        services.AddHostedService(provider => new CheckpointStoreStartupCheck(provider.GetRequiredService<CheckpointBackend>().Store));
        services.AddSingleton<ICheckpointStore>(provider => new ResilientCheckpointStore(provider.GetRequiredService<CheckpointBackend>().Store,
            $"checkpoints ({label})", retry ?? new StorageRetryOptions(),
            provider.GetService<ILogger<ResilientCheckpointStore>>() ?? NullLogger<ResilientCheckpointStore>.Instance));
        // Policy weights and other large blobs go through the same store, as content-addressed chunks.
        services.AddSingleton(provider => new ChunkedBlobStore(provider.GetRequiredService<ICheckpointStore>(), new ChunkCache(ChunkCacheBytes)));
        return services.AddSingleton(provider => new CheckpointRepository(provider.GetRequiredService<ICheckpointStore>(),
            provider.GetService<ILogger<CheckpointRepository>>() ?? NullLogger<CheckpointRepository>.Instance));
    }
}
