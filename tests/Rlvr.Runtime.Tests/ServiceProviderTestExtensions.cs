using Microsoft.Extensions.DependencyInjection;
using Rlvr.Runtime.Activations;

namespace Rlvr.Runtime.Tests;

internal static class ServiceProviderTestExtensions
{
    /// <summary>Activations currently in the silo.</summary>
    public static int GetCatalogCount(this IServiceProvider services) => services.GetRequiredService<Catalog>().Count;
}
