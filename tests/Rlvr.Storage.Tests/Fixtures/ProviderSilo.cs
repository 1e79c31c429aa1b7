using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;
using Rlvr.TestKit;

namespace Rlvr.Storage.Tests.Fixtures;

/// <summary>
/// A real localhost silo with the providers under test registered the way the silo registers them, so that tests get
/// them from Orleans' own container, decorated and started (lifecycle checks, Azure table creation) as in production.
/// </summary>
public sealed class ProviderSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private ProviderSilo(IHost host) => _host = host;

    public static async Task<ProviderSilo> StartAsync(Action<ISiloBuilder> configure)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo =>
        {
            var id = Guid.NewGuid().ToString("N");
            var ports = FreePort.Distinct(2);
            silo.UseLocalhostClustering(ports[0], ports[1], serviceId: "storage-tests-" + id, clusterId: "storage-tests-" + id);
            configure(silo);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ProviderSilo(host);
    }

    public IServiceProvider Services => _host.Services;

    public IGrainStorage GrainStorage(string name) => _host.Services.GetRequiredKeyedService<IGrainStorage>(name);

    public IReminderTable ReminderTable => _host.Services.GetRequiredService<IReminderTable>();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
