using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Rlvr.Training.Curriculum;

namespace Rlvr.Training.Metrics;

/// <summary>
/// A step's metrics as one flat JSON object, as metrics.jsonl has held them since the first release: the core fields
/// by name and every scalar as a property of its own, in <see cref="StepMetric.All"/>'s order with the pass rates after
/// the reward and the phases and curriculum after the rounds. Any other numeric property read is a scalar too, so a
/// log written by a later release still reads.
/// </summary>
public sealed class StepMetricsJsonConverter : JsonConverter<StepMetrics>
{
    private const string StepName = "step";
    private const string PolicyVersionName = "policy_version";
    private const string PassRatesName = "pass_rates";
    private const string PhasesName = "phases";
    private const string CurriculumName = "curriculum";

    public override StepMetrics Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var node = JsonNode.Parse(ref reader)?.AsObject() ?? throw new JsonException("step metrics: expected an object");
        var scalars = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var (name, value) in node)
        {
            if (name is not (StepName or PolicyVersionName or PassRatesName or PhasesName or CurriculumName)
                && (value is null || value.GetValueKind() == JsonValueKind.Number))
            {
                scalars[name] = value?.GetValue<double>();
            }
        }
        return new StepMetrics(
            node[StepName]?.GetValue<long>() ?? throw new JsonException("step metrics: no step"),
            node[PolicyVersionName]?.GetValue<long>() ?? 0,
            node[PassRatesName].Deserialize<Dictionary<string, double>>(options) ?? [],
            node[PhasesName].Deserialize<PhaseTimings>(options) ?? throw new JsonException("step metrics: no phases"),
            node[CurriculumName].Deserialize<List<DistributionView>>(options),
            scalars);
    }

    public override void Write(Utf8JsonWriter writer, StepMetrics value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteNumber(StepName, value.Step);
        writer.WriteNumber(PolicyVersionName, value.PolicyVersion);
        foreach (var metric in StepMetric.All)
        {
            WriteScalar(writer, metric.Name, value.Scalars);
            if (metric == StepMetric.Reward)
            {
                writer.WritePropertyName(PassRatesName);
                JsonSerializer.Serialize(writer, value.PassRates, options);
            }
            else if (metric == StepMetric.Rounds)
            {
                writer.WritePropertyName(PhasesName);
                JsonSerializer.Serialize(writer, value.Phases, options);
                writer.WritePropertyName(CurriculumName);
                JsonSerializer.Serialize(writer, value.Curriculum, options);
            }
        }
        foreach (var name in value.Scalars.Keys.Where(k => StepMetric.All.All(m => m.Name != k)))
        {
            WriteScalar(writer, name, value.Scalars);
        }
        writer.WriteEndObject();
    }

    private static void WriteScalar(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, double?> scalars)
    {
        if (!scalars.TryGetValue(name, out var scalar))
        {
            return;
        }
        if (scalar is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
