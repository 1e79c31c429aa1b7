using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rlvr.Client;

/// <summary>The API's JSON conventions (camelCase, enums as names), shared by the silo and the client.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
