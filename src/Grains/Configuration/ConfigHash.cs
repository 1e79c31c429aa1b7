using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Rlvr.Grains.Configuration;

/// <summary>
/// A stable fingerprint of a campaign: SHA-256 of its canonical JSON (all fields, defaults filled in, in
/// declaration order, invariant number formatting), so comments, key order and omitted defaults in the
/// YAML do not change it.
/// </summary>
public static class ConfigHash
{
    private static readonly JsonSerializerOptions Canonical = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
    };

    public static string CanonicalJson(CampaignConfig config) => JsonSerializer.Serialize(config, Canonical);

    public static string Compute(CampaignConfig config) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson(config))));
}
