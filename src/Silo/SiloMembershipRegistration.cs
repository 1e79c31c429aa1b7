using System.Net;
using Azure.Data.Tables;
using Orleans.Configuration;

namespace Rlvr.Silo;

/// <summary>
/// Registers the membership the "Silo" section chooses, and the liveness settings (Orleans'
/// <see cref="ClusterMembershipOptions"/>, tuned to declare a killed silo dead in seconds; "Silo:Liveness" overrides).
/// </summary>
internal static class SiloMembershipRegistration
{
    public const string LivenessSection = "Silo:Liveness";

    public static ISiloBuilder AddSiloMembership(this ISiloBuilder orleans, SiloHostOptions silo, IConfiguration configuration)
    {
        var port = silo.Port == 0 ? FreeTcpPort.Pick() : silo.Port;
        switch (silo.Membership.ToUpperInvariant())
        {
            case "LOCALHOST":
                // No gateway: the API runs in this process.
                orleans.UseLocalhostClustering(port, gatewayPort: 0, serviceId: silo.ServiceId, clusterId: silo.ClusterId);
                return orleans;
            case "REDIS":
                orleans.UseRedisClustering(RequireConnectionString(silo, "Redis"));
                break;
            case "AZURE":
                var azure = RequireConnectionString(silo, "Azure");
                orleans.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(azure));
                break;
            case "DEVELOPMENT":
                // No external service: the primary silo keeps the membership table in memory, so its loss ends the
                // cluster (a rehearsal on one machine, not a deployment).
                orleans.UseDevelopmentClustering(string.IsNullOrWhiteSpace(silo.PrimarySilo)
                    ? new IPEndPoint(Address(silo), port)
                    : IPEndPoint.TryParse(silo.PrimarySilo, out var primary)
                        ? primary
                        : throw new InvalidOperationException($"Silo:PrimarySilo is '{silo.PrimarySilo}', which is not an IP address and port."));
                break;
            default:
                throw new InvalidOperationException($"Silo:Membership is '{silo.Membership}'; expected Localhost, Redis, Azure or Development.");
        }
        var address = Address(silo);
        orleans.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (silo.ClusterId, silo.ServiceId));
        orleans.ConfigureEndpoints(address, port, gatewayPort: 0, listenOnAnyHostAddress: !IPAddress.IsLoopback(address));
        // Defaults that declare a killed silo dead in seconds (Orleans' own take 10-15 s; infra/deployment.md has the
        // trade-off), set here so that they hold wherever the silo runs; "Silo:Liveness" overrides them.
        orleans.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 3;
            o.NumVotesForDeathDeclaration = 2;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        });
        orleans.Configure<ClusterMembershipOptions>(configuration.GetSection(LivenessSection));
        return orleans;
    }

    private static IPAddress Address(SiloHostOptions silo) => IPAddress.TryParse(silo.AdvertisedAddress, out var address)
        ? address
        : throw new InvalidOperationException($"Silo:AdvertisedAddress is '{silo.AdvertisedAddress}', which is not an IP address.");

    private static string RequireConnectionString(SiloHostOptions silo, string membership) =>
        string.IsNullOrWhiteSpace(silo.MembershipConnectionString)
            ? throw new InvalidOperationException($"Silo:MembershipConnectionString is required when Silo:Membership is {membership}.")
            : silo.MembershipConnectionString;
}
