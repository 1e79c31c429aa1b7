using Microsoft.Extensions.Hosting;
using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Checkpoints;

/// <summary>Runs the checkpoint store's <see cref="IStartupCheck"/> when the host starts, so a store that cannot be used stops it.</summary>
internal sealed class CheckpointStoreStartupCheck(ICheckpointStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        store is IStartupCheck check ? check.EnsureWritableAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
