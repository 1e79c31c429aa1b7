using Microsoft.Extensions.DependencyInjection.Extensions;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Verifiers;
using Rlvr.Runtime.Hosting;

namespace Rlvr.Grains.Grains;

public static class CampaignSiloBuilderExtensions
{
    /// <summary>The RLVR grains, and the silo-wide <see cref="CampaignCache"/> they share unless one is registered already.</summary>
    public static ISiloBuilder AddCampaignGrains(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.TryAddSingleton(_ => new CampaignCache(VerifierRegistry.CreateDefault()));
        return silo.AddGrains(typeof(CampaignGrain).Assembly);
    }
}
