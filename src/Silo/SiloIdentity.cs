using System.Reflection;

namespace Rlvr.Silo;

/// <summary>What GET /api/v1/status says of the silo: its name, the product's version, and when this process started.</summary>
public sealed record SiloIdentity(string Name, string Version, DateTimeOffset StartedUtc)
{
    public static SiloIdentity Current(string name) => new(
        name,
        typeof(SiloIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
        DateTimeOffset.UtcNow);
}
