using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Rlvr.Integration.Tests;

/// <summary>
/// What a finished campaign left in its data directory, minus wall-clock timings: its final checkpoint's policy weights
/// hash and its other blobs (curriculum, replay buffer) by checksum, its metrics and evaluations logs, and the stored
/// state of every prompt-statistics and rollout-group grain. The policy blob's bytes are not compared: libtorch writes a
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
    public static CampaignOutcome Read(string dataDirectory)
    {
        var campaignDirectory = Directory.GetDirectories(dataDirectory).Single(d => File.Exists(Path.Combine(d, "metrics.jsonl")));
        var owner = Path.GetFileName(campaignDirectory);
        var checkpointDirectory = Directory.GetDirectories(Path.Combine(dataDirectory, "checkpoints", owner)).Max(StringComparer.Ordinal)!;
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(checkpointDirectory, "manifest.json")));
        var blobs = manifest.RootElement.GetProperty("blobs").EnumerateArray()
            // The campaign blob holds the metrics, timings included: compared below without them.
            .Where(b => b.GetProperty("name").GetString() is not ("campaign" or "policy"))
            .ToDictionary(b => b.GetProperty("name").GetString()!, b => b.GetProperty("sha256").GetString()!, StringComparer.Ordinal);
        return new CampaignOutcome(
            manifest.RootElement.GetProperty("sequence").GetInt64(),
            manifest.RootElement.GetProperty("metadata").GetProperty("weights_hash").GetString()!,
            blobs,
            File.ReadAllLines(Path.Combine(campaignDirectory, "metrics.jsonl")).Select(WithoutTimings).ToList(),
            File.ReadAllLines(Path.Combine(campaignDirectory, "evaluations.jsonl")),
            LedgerAndPromptStates(Path.Combine(dataDirectory, "rlvr.db")));
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
        command.CommandText = "SELECT grain_type || '/' || grain_key, json FROM rlvr_grain_state WHERE grain_type IN ('prompt', 'rolloutgroup')";
        using var reader = command.ExecuteReader();
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            states[reader.GetString(0)] = reader.GetString(1);
        }
        return states;
    }
}
