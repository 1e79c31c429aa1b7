using Rlvr.Runtime.Calls;

namespace Rlvr.Runtime.Transport;

/// <summary>Delivers a grain request to the silo that activates the grain; the request completes with the result.</summary>
internal interface IGrainTransport
{
    Task SendAsync(SiloAddress silo, GrainRequest request);
}
