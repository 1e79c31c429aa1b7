using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Checkpoints;

/// <summary>Registers the silo's checkpoint store (behind the retry decorator) and the <see cref="CheckpointRepository"/> over it.</summary>
public static class CheckpointServiceCollectionExtensions
{
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

    /// <summary>Checkpoints from any store (e.g. PostgreSQL, or a fault-injecting one in tests), behind retries.</summary>
    public static IServiceCollection AddCheckpointStore(this IServiceCollection services, string label, Func<IServiceProvider, ICheckpointStore> create, StorageRetryOptions? retry = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(create);
        services.AddSingleton<ICheckpointStore>(provider => new ResilientCheckpointStore(create(provider), $"checkpoints ({label})", retry ?? new StorageRetryOptions(),
            provider.GetService<ILogger<ResilientCheckpointStore>>() ?? NullLogger<ResilientCheckpointStore>.Instance));
        return services.AddSingleton(provider => new CheckpointRepository(provider.GetRequiredService<ICheckpointStore>(),
            provider.GetService<ILogger<CheckpointRepository>>() ?? NullLogger<CheckpointRepository>.Instance));
    }
}
