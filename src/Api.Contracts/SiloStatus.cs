namespace Rlvr.Api.Contracts;

/// <summary>
/// GET /api/v1/status: the silo's name and version, when it started, its campaigns by status, and the silos of its
/// cluster that are not dead (itself included), each with the campaigns it hosts.
/// </summary>
public sealed record SiloStatus(
    string Silo, string Version, DateTimeOffset StartedUtc, IReadOnlyDictionary<string, int> Campaigns, IReadOnlyList<ClusterSiloInfo> Cluster);

/// <summary>
/// A silo of the cluster: name, silo-to-silo address, membership status, whether learners go there (GPU) with the
/// device they use, and the ids of the campaigns it hosts (where their loops run).
/// </summary>
public sealed record ClusterSiloInfo(string Name, string Address, string Status, bool Gpu, string Device, IReadOnlyList<string> Campaigns);
