using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rlvr.Api.Contracts;

/// <summary>The API's JSON conventions (camelCase, enums as names), shared by the silo and the client.</summary>
public static class ApiJson
{
    /// <summary>The media type of an uploaded dataset: JSON lines.</summary>
    public const string DatasetMediaType = "application/jsonl";

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
