using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Rollouts;
using Rlvr.Training.Verifiers;

namespace Rlvr.Grains.Hosting;

public static class CampaignSiloBuilderExtensions
{
    /// <summary>
    /// What the RLVR grains need on a silo: its <paramref name="dataDirectory"/> (the warm-start cache), the silo-wide <see cref="CampaignCache"/> they share with its
    /// <see cref="DatasetSnapshotStore"/>, the silo's policy weights cache, what the silo advertises
    /// (<paramref name="capabilities"/>, CPU when omitted) and the placements that read it (learners on GPU silos,
    /// rollout workers on the silo their key names, a sweep's campaigns spread over the silos), the revival of running
    /// campaigns once the silo has started and whenever another silo of the cluster dies, and their checkpoint when the
    /// silo stops.
    /// </summary>
    public static ISiloBuilder AddCampaignGrains(
        this ISiloBuilder silo, string dataDirectory, SiloCapabilities? capabilities = null, LearnerPlacementOptions? learners = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton(new SiloDataDirectory(Path.GetFullPath(dataDirectory)));
        silo.Services.TryAddSingleton(_ => VerifierRegistry.CreateDefault());
        silo.Services.TryAddSingleton<DatasetSnapshotStore>();
        silo.Services.TryAddSingleton<CampaignCache>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<PolicyWeightsCache>();
        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton<CampaignMeters>();
        silo.Services.AddSingleton(capabilities ?? SiloCapabilities.Cpu);
        silo.Services.AddSingleton(learners ?? new LearnerPlacementOptions(RequireGpu: false, Clustered: false));
        silo.UseSiloMetadata((capabilities ?? SiloCapabilities.Cpu).Metadata());
        silo.Services.AddPlacementFilter<GpuSiloPlacementFilterStrategy, GpuSiloPlacementFilterDirector>(ServiceLifetime.Singleton);
        silo.AddPlacementDirector<SiloKeyedPlacement, SiloKeyedPlacementDirector>();
        silo.AddPlacementDirector<CampaignPlacement, CampaignPlacementDirector>();
        silo.Services.AddSingleton<RunningCampaignRevival>();
        silo.Services.AddSingleton<SiloCampaigns>();
        silo.Services.AddHostedService<CampaignShutdownCheckpoint>();
        return silo.AddStartupTask(async (services, cancellation) =>
        {
            var revival = services.GetRequiredService<RunningCampaignRevival>();
            await revival.ReviveAsync(cancellation);
            revival.WatchMembership(
                services.GetRequiredService<IClusterMembershipService>(),
                services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        });
    }
}
