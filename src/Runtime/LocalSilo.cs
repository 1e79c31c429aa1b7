using Microsoft.Extensions.Options;
using Rlvr.Runtime.Hosting;

namespace Rlvr.Runtime;

/// <summary>The address of the silo this process runs.</summary>
internal sealed class LocalSilo(IOptions<SiloOptions> options)
{
    public SiloAddress Address { get; } = new(options.Value.SiloName);
}
