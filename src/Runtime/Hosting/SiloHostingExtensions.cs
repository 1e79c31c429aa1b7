using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Rlvr.Runtime.Activations;
using Rlvr.Runtime.Calls;
using Rlvr.Runtime.GrainDirectory;
using Rlvr.Runtime.Placement;
using Rlvr.Runtime.Reminders;
using Rlvr.Runtime.Transport;

namespace Rlvr.Runtime.Hosting;

/// <summary>Hosts a silo in a generic host: its services, and a hosted service for its lifecycle.</summary>
public static class SiloHostingExtensions
{
    public static IHostApplicationBuilder UseRlvrSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        configure(AddRlvrSilo(builder.Services));
        return builder;
    }

    public static IHostBuilder UseRlvrSilo(this IHostBuilder builder, Action<ISiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.ConfigureServices((_, services) => configure(AddRlvrSilo(services)));
    }

    /// <summary>Adds the silo's services once; later calls return a builder over the same grain class list.</summary>
    public static ISiloBuilder AddRlvrSilo(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var grainClasses = (GrainClassList?)services.FirstOrDefault(d => d.ServiceType == typeof(GrainClassList))?.ImplementationInstance;
        if (grainClasses is null)
        {
            grainClasses = [];
            services.AddSingleton(grainClasses);
            services.AddOptions<SiloOptions>();
            services.AddSingleton<LocalSilo>();
            services.AddSingleton<GrainTypeRegistry>();
            services.AddSingleton<Catalog>();
            services.AddSingleton<CallDeadlines>();
            services.AddSingleton<GrainCallRouter>();
            services.AddSingleton<GrainFactory>();
            services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainFactory>());
            services.AddSingleton<GrainJsonOptions>();
            services.AddSingleton<ReminderService>();
            services.TryAddSingleton<IGrainDirectory, LocalGrainDirectory>();
            services.TryAddSingleton<IPlacementDirector, LocalPlacementDirector>();
            services.TryAddSingleton<IGrainTransport, LocalGrainTransport>();
            services.AddHostedService<SiloHostedService>();
        }
        return new SiloBuilder(services, grainClasses);
    }
}
