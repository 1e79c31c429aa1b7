using System.Text.Json;

namespace Rlvr.Training.Curriculum;

/// <summary>The one JSON shape of curriculum state and views (checkpoints and the live query API).</summary>
public static class CurriculumJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = false,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json, string what) =>
        JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new JsonException($"{what}: the JSON state is null.");
}
