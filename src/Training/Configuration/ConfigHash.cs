using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rlvr.Training.Configuration;

/// <summary>
/// A stable fingerprint of a campaign: SHA-256 of its canonical JSON (all fields, defaults filled in, in
/// declaration order, invariant number formatting), so comments, key order and omitted defaults in the
/// YAML do not change it. A dataset campaign's hash covers the dataset's content (its SHA-256) instead of the name
/// <c>tasks.dataset</c> gave the file: the same content under another name is the same campaign, an edited file another.
/// </summary>
public static class ConfigHash
{
    private static readonly JsonSerializerOptions Canonical = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
    };

    public static string CanonicalJson(CampaignConfig config) => JsonSerializer.Serialize(config, Canonical);

    public static string Compute(CampaignConfig config, string? datasetSha256 = null)
    {
        var canonical = CanonicalJson(config);
        if (datasetSha256 is not null)
        {
            var node = JsonNode.Parse(canonical)!;
            node["tasks"]!["dataset"] = $"sha256:{datasetSha256}";
            canonical = node.ToJsonString(Canonical);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
