using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Grains;
using Rlvr.Runtime;
using Rlvr.Runtime.Hosting;
using Rlvr.Runtime.Storage.InMemory;

namespace Rlvr.Grains.Tests.Campaigns;

/// <summary>An in-process silo with the RLVR grains, in-memory storage and a temporary data directory.</summary>
internal sealed class CampaignSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private CampaignSilo(IHost host, string dataDirectory) => (_host, DataDirectory) = (host, dataDirectory);

    public string DataDirectory { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<CampaignSilo> StartAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddInMemoryGrainStorage(PersistentStateAttribute.DefaultStorageName);
        builder.UseRlvrSilo(silo => silo.AddGrains(typeof(CampaignGrain).Assembly));
        var host = builder.Build();
        await host.StartAsync();
        return new CampaignSilo(host, Directory.CreateTempSubdirectory("rlvr-campaign-").FullName);
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
        Directory.Delete(DataDirectory, recursive: true);
    }
}
