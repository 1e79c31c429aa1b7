namespace Rlvr.Client.Contracts;

/// <summary>GET /api/v1/status: the silo's name and version, when it started, and its campaigns by status.</summary>
public sealed record SiloStatus(string Silo, string Version, DateTimeOffset StartedUtc, IReadOnlyDictionary<string, int> Campaigns);
