using System.Text.Json;

namespace Rlvr.Storage.Serialization;

/// <summary>
/// The one System.Text.Json configuration every provider writes grain state with, so a record reads the same whichever
/// backend stored it: readable JSON text, enums as numbers, records and init-only properties supported by default.
/// </summary>
public static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    // Read-only, so that no caller can change how every other provider's records are written.
    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
