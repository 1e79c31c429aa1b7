using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Rlvr.Training.Curriculum;
using Rlvr.Training.Grpo;
using Rlvr.Training.Metrics;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// A pipelined checkpoint's carried batch as one flat JSON object: the core fields by name and each scalar a property of
/// its own, as checkpoints have held it since the first release (so an older checkpoint still restores).
/// </summary>
internal sealed class GeneratedBatchJsonConverter : JsonConverter<GeneratedBatch>
{
    private static readonly string[] Core = ["step", "policy_version", "batch", "pass_rates", "phases", "curriculum"];

    public override GeneratedBatch Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var node = JsonNode.Parse(ref reader)?.AsObject() ?? throw new JsonException("generated batch: expected an object");
        var scalars = node
            .Where(p => !Core.Contains(p.Key) && (p.Value is null || p.Value.GetValueKind() == JsonValueKind.Number))
            .ToDictionary(p => p.Key, p => p.Value?.GetValue<double>(), StringComparer.Ordinal);
        return new GeneratedBatch(
            node["step"]?.GetValue<long>() ?? throw new JsonException("generated batch: no step"),
            node["policy_version"]?.GetValue<long>() ?? 0,
            node["batch"].Deserialize<List<RolloutGroup>>(options) ?? [],
            node["pass_rates"].Deserialize<Dictionary<string, double>>(options) ?? [],
            node["phases"].Deserialize<PhaseTimings>(options) ?? throw new JsonException("generated batch: no phases"),
            node["curriculum"].Deserialize<List<DistributionView>>(options) ?? [],
            scalars);
    }

    public override void Write(Utf8JsonWriter writer, GeneratedBatch value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteNumber("step", value.Step);
        writer.WriteNumber("policy_version", value.PolicyVersion);
        writer.WritePropertyName("batch");
        JsonSerializer.Serialize(writer, value.Batch, options);
        writer.WritePropertyName("pass_rates");
        JsonSerializer.Serialize(writer, value.PassRates, options);
        writer.WritePropertyName("phases");
        JsonSerializer.Serialize(writer, value.Phases, options);
        writer.WritePropertyName("curriculum");
        JsonSerializer.Serialize(writer, value.Curriculum, options);
        foreach (var (name, scalar) in value.Scalars)
        {
            if (scalar is { } number)
            {
                writer.WriteNumber(name, number);
            }
            else
            {
                writer.WriteNull(name);
            }
        }
        writer.WriteEndObject();
    }
}
