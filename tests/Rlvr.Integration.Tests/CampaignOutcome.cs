using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Data.Sqlite;
using Rlvr.Storage.Logs;

namespace Rlvr.Integration.Tests;

/// <summary>
/// What a finished campaign left in its data directory, minus wall-clock timings: its final checkpoint's policy weights
/// hash and its other blobs (curriculum, replay buffer) by checksum, its metrics and evaluations logs, and the stored
/// state of every prompt-statistics and rollout-ledger page. The policy blob's bytes are not compared: libtorch writes a
/// random serialization id into every archive. The weights hash after the last update stands for it (an optimizer or
/// generator state that differed would have changed the updates and so the weights).
/// </summary>
internal sealed record CampaignOutcome(
    long FinalCheckpoint,
    string WeightsHash,
    IReadOnlyDictionary<string, string> BlobChecksums,
    IReadOnlyList<string> Metrics,
    IReadOnlyList<string> Evaluations,
    IReadOnlyDictionary<string, string> GrainStates)
{
    /// <summary>
    /// The campaigns' checkpoint directories under a data directory; the published policy weights beside them
    /// (<c>_weights.*</c>, a name no campaign id has) are not a campaign's.
    /// </summary>
    public static IEnumerable<string> CampaignCheckpointDirectories(string dataDirectory) =>
        Directory.GetDirectories(Path.Combine(dataDirectory, "checkpoints")).Where(d => !Path.GetFileName(d).StartsWith('_'));

    public static CampaignOutcome Read(string dataDirectory)
    {
        var campaignDirectory = CampaignDirectory(dataDirectory);
        var owner = Path.GetFileName(campaignDirectory);
        var checkpointDirectory = Directory.GetDirectories(Path.Combine(dataDirectory, "checkpoints", owner)).Max(StringComparer.Ordinal)!;
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(checkpointDirectory, "manifest.json")));
        return FromManifest(manifest, File.ReadAllLines(Path.Combine(campaignDirectory, "metrics.jsonl")),
            File.ReadAllLines(Path.Combine(campaignDirectory, "evaluations.jsonl")), LedgerAndPromptStates(Path.Combine(dataDirectory, "rlvr.db")));
    }

    /// <summary>
    /// A campaign run on Azure Storage: its final checkpoint from the Blob container, its logs from the storage account's
    /// record-log table (under the run's service id). Grain states live in Azure Tables there and are not compared.
    /// </summary>
    public static async Task<CampaignOutcome> ReadAzureAsync(string connectionString, string container, string serviceId)
    {
        var blobs = new BlobServiceClient(connectionString).GetBlobContainerClient(container);
        var manifests = new List<string>();
        await foreach (var blob in blobs.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, CancellationToken.None))
        {
            // Dataset snapshots are checkpoints too, of owners starting with '_'.
            if (blob.Name.EndsWith("/manifest.json", StringComparison.Ordinal) && !blob.Name.StartsWith('_'))
            {
                manifests.Add(blob.Name);
            }
        }
        var campaign = manifests.Select(m => m[..m.IndexOf('/', StringComparison.Ordinal)]).Distinct().Single();
        var latest = await blobs.GetBlobClient(manifests.Max(StringComparer.Ordinal)).DownloadContentAsync();
        using var manifest = JsonDocument.Parse(latest.Value.Content.ToMemory());
        var logs = new AzureTableRecordLogStore(connectionString, serviceId);
        return FromManifest(manifest, await Lines(logs, campaign, "metrics.jsonl"), await Lines(logs, campaign, "evaluations.jsonl"),
            new Dictionary<string, string>());
    }

    private static async Task<IReadOnlyList<string>> Lines(AzureTableRecordLogStore logs, string campaign, string log) =>
        (await logs.ReadAsync(campaign, log, 0)).Select(r => Encoding.UTF8.GetString(r)).ToList();

    private static string CampaignDirectory(string dataDirectory) =>
        Directory.GetDirectories(dataDirectory).Single(d => File.Exists(Path.Combine(d, "metrics.jsonl")));

    private static CampaignOutcome FromManifest(
        JsonDocument manifest, IReadOnlyList<string> metrics, IReadOnlyList<string> evaluations, Dictionary<string, string> grainStates)
    {
        var blobs = manifest.RootElement.GetProperty("blobs").EnumerateArray()
            // The campaign blob holds the step and version, compared through the logs; the policy through its weights hash.
            .Where(b => b.GetProperty("name").GetString() is not ("campaign" or "policy"))
            .ToDictionary(b => b.GetProperty("name").GetString()!, b => b.GetProperty("sha256").GetString()!, StringComparer.Ordinal);
        return new CampaignOutcome(
            manifest.RootElement.GetProperty("sequence").GetInt64(),
            manifest.RootElement.GetProperty("metadata").GetProperty("weights_hash").GetString()!,
            blobs,
            metrics.Select(WithoutTimings).ToList(),
            evaluations,
            grainStates);
    }

    private static string WithoutTimings(string line)
    {
        var node = JsonNode.Parse(line)!.AsObject();
        node.Remove("phases");
        return node.ToJsonString();
    }

    private static Dictionary<string, string> LedgerAndPromptStates(string database)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_type || '/' || grain_key, json FROM rlvr_grain_state WHERE grain_type IN ('prompt', 'rolloutledger')";
        using var reader = command.ExecuteReader();
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            states[reader.GetString(0)] = reader.GetString(1);
        }
        return states;
    }

    /// <summary>Fails naming the first part of <paramref name="actual"/> that differs from <paramref name="expected"/>.</summary>
    public static void AssertSame(CampaignOutcome expected, CampaignOutcome actual)
    {
        Assert.Equal(expected.FinalCheckpoint, actual.FinalCheckpoint);
        Assert.Equal(expected.WeightsHash, actual.WeightsHash);
        Assert.Equal(expected.BlobChecksums, actual.BlobChecksums);
        Assert.Equal(expected.Metrics, actual.Metrics);
        Assert.Equal(expected.Evaluations, actual.Evaluations);
        Assert.Equal(expected.GrainStates.Keys.Order(StringComparer.Ordinal), actual.GrainStates.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, json) in expected.GrainStates)
        {
            Assert.True(json == actual.GrainStates[key], $"grain state {key} differs:\nexpected {json}\nactual   {actual.GrainStates[key]}");
        }
    }
}
