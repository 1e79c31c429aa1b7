using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Providers;
using Orleans.Serialization.Configuration;
using Rlvr.Grains.Contracts;
using Rlvr.Grains.Hosting;
using Rlvr.Storage.Checkpoints;
using Rlvr.Storage.Logs;
using Rlvr.Storage.Sqlite;
using Rlvr.Training.Campaigns;

namespace Rlvr.Grains.Tests.Campaigns;

/// <summary>
/// An in-process Orleans silo with the RLVR grains over SQLite grain storage and reminders, local checkpoints and
/// local record logs in a temporary data directory, with Orleans' serializer configuration analysis on.
/// </summary>
internal sealed class CampaignSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly CampaignStores? _ownStores;

    private CampaignSilo(IHost host, CampaignStores stores, bool ownsStores) =>
        (_host, Stores, _ownStores) = (host, stores, ownsStores ? stores : null);

    public CampaignStores Stores { get; }

    public string DataDirectory => Stores.DataDirectory;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    /// <summary>A silo over stores of its own, removed with it.</summary>
    public static Task<CampaignSilo> StartAsync() => StartAsync(new CampaignStores(), ownsStores: true);

    /// <summary>A silo over <paramref name="stores"/>, which outlive it.</summary>
    public static Task<CampaignSilo> StartAsync(CampaignStores stores) => StartAsync(stores, ownsStores: false);

    /// <summary>A silo whose storage <paramref name="configure"/> sets up (grain storage, reminders, checkpoints).</summary>
    public static Task<CampaignSilo> StartAsync(CampaignStores stores, Action<ISiloBuilder> configure) =>
        StartAsync(stores, configure, ownsStores: false);

    private static Task<CampaignSilo> StartAsync(CampaignStores stores, bool ownsStores) => StartAsync(stores, s =>
    {
        s.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, stores.Database);
        s.UseSqliteReminderService(stores.Database);
        s.Services.AddLocalCheckpointStore(stores.Checkpoints);
    }, ownsStores);

    private static async Task<CampaignSilo> StartAsync(CampaignStores stores, Action<ISiloBuilder> configure, bool ownsStores)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), gatewayPort: 0);
            silo.Services.Configure<TypeManifestOptions>(o => o.EnableConfigurationAnalysis = true);
            configure(silo);
            if (!silo.Services.Any(d => d.ServiceType == typeof(IRecordLogStore)))
            {
                silo.Services.AddLocalRecordLogStore(stores.DataDirectory);
            }
            silo.AddCampaignGrains(stores.DataDirectory);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new CampaignSilo(host, stores, ownsStores);
    }

    /// <summary>Polls until the campaign completes or fails, for at most two minutes.</summary>
    public static async Task<CampaignProgress> WaitUntilDone(ICampaignGrain campaign)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var progress = await campaign.GetProgress();
            if (progress.Status is CampaignStatus.Completed or CampaignStatus.Failed || DateTime.UtcNow > deadline)
            {
                return progress;
            }
            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _ownStores?.Dispose();
    }
}
