using System.Text.Json;
using Rlvr.Runtime.Activations;

namespace Rlvr.Runtime.Calls;

/// <summary>The JSON settings of grain state: grain references serialize as their key and come back as references.</summary>
internal sealed class GrainJsonOptions(GrainFactory grainFactory)
{
    public JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        Converters = { new GrainReferenceJsonConverterFactory(grainFactory) },
    };
}
