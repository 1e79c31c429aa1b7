using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rlvr.Runtime.Hosting;
using Rlvr.Runtime.Storage;
using Rlvr.Runtime.Storage.InMemory;
using Rlvr.Runtime.Tests.Grains;

namespace Rlvr.Runtime.Tests;

/// <summary>A started in-process silo with every test grain, in-memory storage ("Default") and reminders.</summary>
internal sealed class SiloHarness : IAsyncDisposable
{
    private SiloHarness(IHost host) => Host = host;

    public IHost Host { get; }

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public Probe Probe => Host.Services.GetRequiredService<Probe>();

    public IGrainStorage Storage => Host.Services.GetRequiredKeyedService<IGrainStorage>(PersistentStateAttribute.DefaultStorageName);

    public static async Task<SiloHarness> StartAsync(Action<SiloOptions>? options = null, Action<IServiceCollection>? services = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Probe>();
        builder.Services.AddInMemoryGrainStorage(PersistentStateAttribute.DefaultStorageName);
        builder.Services.AddInMemoryReminderTable();
        services?.Invoke(builder.Services);
        builder.UseRlvrSilo(silo =>
        {
            silo.AddGrains(typeof(SiloHarness).Assembly);
            if (options is not null)
            {
                silo.Configure(options);
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        return new SiloHarness(host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
