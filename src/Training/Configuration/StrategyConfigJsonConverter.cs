using System.Text.Json;
using System.Text.Json.Serialization;
using Rlvr.Training.Strategies;

namespace Rlvr.Training.Configuration;

/// <summary>
/// The strategy block of the canonical configuration JSON (see <see cref="ConfigHash"/>): the name, then each registered
/// strategy's block in registry order: always for the first release's strategies, as that release wrote them, and for
/// later ones only when set to something other than their defaults, so that registering a strategy changes no
/// existing campaign's hash.
/// </summary>
internal sealed class StrategyConfigJsonConverter : JsonConverter<StrategyConfig>
{
    public override StrategyConfig Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("a strategy configuration is read from YAML (CampaignConfigParser), not JSON.");

    public override void Write(Utf8JsonWriter writer, StrategyConfig value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        writer.WriteStartObject();
        writer.WriteString(options.PropertyNamingPolicy?.ConvertName(nameof(StrategyConfig.Name)) ?? nameof(StrategyConfig.Name), value.Name);
        if (value.ShadowUniformPrompts != 0)
        {
            // Only when set: the shadow sample came after the first release, whose hashes do not name it.
            writer.WriteNumber(
                options.PropertyNamingPolicy?.ConvertName(nameof(StrategyConfig.ShadowUniformPrompts)) ?? nameof(StrategyConfig.ShadowUniformPrompts),
                value.ShadowUniformPrompts);
        }
        foreach (var strategy in StrategyRegistry.Strategies.Where(s => s.OptionsType is not null))
        {
            var block = value.Blocks[strategy.Name];
            if (strategy.HashedAtDefaults || !IsDefault(block, options))
            {
                writer.WritePropertyName(strategy.Name);
                JsonSerializer.Serialize(writer, block, block.GetType(), options);
            }
        }
        writer.WriteEndObject();
    }

    private static bool IsDefault(object block, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(block, block.GetType(), options) ==
        JsonSerializer.Serialize(Activator.CreateInstance(block.GetType()), block.GetType(), options);
}
