using Microsoft.Extensions.Hosting;
using Rlvr.Runtime.Activations;
using Rlvr.Runtime.Reminders;

namespace Rlvr.Runtime.Hosting;

/// <summary>Silo lifecycle: at start, collection of idle activations and the stored reminders; at stop, graceful deactivation.</summary>
internal sealed class SiloHostedService(Catalog catalog, ReminderService reminders) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        catalog.StartCollecting();
        await reminders.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        reminders.Dispose();
        await catalog.DeactivateAllAsync(cancellationToken);
    }
}
