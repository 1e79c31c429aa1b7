using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Tasks;
using Rlvr.Grains.Verifiers;

namespace Rlvr.Grains.Grains;

public static class CampaignSiloBuilderExtensions
{
    /// <summary>
    /// What the RLVR grains need on a silo: the silo-wide <see cref="CampaignCache"/> they share with its
    /// <see cref="DatasetSnapshotStore"/>, and the revival of running campaigns once the silo has started.
    /// </summary>
    public static ISiloBuilder AddCampaignGrains(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.TryAddSingleton(_ => VerifierRegistry.CreateDefault());
        silo.Services.TryAddSingleton<DatasetSnapshotStore>();
        silo.Services.TryAddSingleton<CampaignCache>();
        silo.Services.AddSingleton<RunningCampaignRevival>();
        return silo.AddStartupTask((services, cancellation) =>
            services.GetRequiredService<RunningCampaignRevival>().ReviveAsync(cancellation));
    }
}
