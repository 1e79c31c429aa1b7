using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Grains;
using Rlvr.Runtime;
using Rlvr.Runtime.Checkpoints;
using Rlvr.Runtime.Hosting;
using Rlvr.Runtime.Reminders;
using Rlvr.Runtime.Storage;

namespace Rlvr.Grains.Tests.Campaigns;

/// <summary>An in-process silo with the RLVR grains over in-memory storage, an in-memory reminder table and a temporary data directory.</summary>
internal sealed class CampaignSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly CampaignStores? _ownStores;

    private CampaignSilo(IHost host, CampaignStores stores, bool ownsStores) =>
        (_host, Stores, _ownStores) = (host, stores, ownsStores ? stores : null);

    public CampaignStores Stores { get; }

    public string DataDirectory => Stores.DataDirectory;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>A silo over stores of its own, removed with it.</summary>
    public static Task<CampaignSilo> StartAsync() => StartAsync(new CampaignStores(), ownsStores: true);

    /// <summary>A silo over <paramref name="stores"/>, which outlive it.</summary>
    public static Task<CampaignSilo> StartAsync(CampaignStores stores) => StartAsync(stores, ownsStores: false);

    private static async Task<CampaignSilo> StartAsync(CampaignStores stores, bool ownsStores)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddKeyedSingleton<IGrainStorage>(PersistentStateAttribute.DefaultStorageName, stores.Storage);
        builder.Services.AddSingleton<IReminderTable>(stores.Reminders);
        builder.Services.AddLocalCheckpointStore(Path.Combine(stores.DataDirectory, "checkpoints"));
        builder.UseRlvrSilo(silo => silo.AddCampaignGrains());
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

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _ownStores?.Dispose();
    }
}
