using Rlvr.Runtime.Calls;

namespace Rlvr.Runtime.Transport;

/// <summary>Single-silo transport: hands requests to this silo's catalog; no other silo can be reached.</summary>
internal sealed class LocalGrainTransport(LocalSilo localSilo, Activations.Catalog catalog) : IGrainTransport
{
    public Task SendAsync(SiloAddress silo, GrainRequest request) => silo == localSilo.Address
        ? catalog.DispatchAsync(request)
        : throw new InvalidOperationException(
            $"Grain {request.Target} is placed on silo '{silo}', which the single-silo transport of '{localSilo.Address}' cannot reach.");
}
