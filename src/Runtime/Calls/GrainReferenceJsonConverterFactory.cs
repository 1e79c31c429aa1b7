using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rlvr.Runtime.Calls;

/// <summary>Serializes a grain reference typed as its grain interface as the grain's key.</summary>
internal sealed class GrainReferenceJsonConverterFactory(GrainFactory grainFactory) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsInterface && typeof(IGrainWithStringKey).IsAssignableFrom(typeToConvert) && typeToConvert != typeof(IGrainWithStringKey);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(GrainReferenceJsonConverter<>).MakeGenericType(typeToConvert), grainFactory)!;

    private sealed class GrainReferenceJsonConverter<TGrainInterface>(GrainFactory grainFactory) : JsonConverter<TGrainInterface>
        where TGrainInterface : class
    {
        public override TGrainInterface Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var key = reader.GetString() ?? throw new JsonException($"A {typeof(TGrainInterface).Name} reference must be a grain key string.");
            return (TGrainInterface)grainFactory.GetGrain(typeof(TGrainInterface), key);
        }

        public override void Write(Utf8JsonWriter writer, TGrainInterface value, JsonSerializerOptions options) =>
            writer.WriteStringValue(((IGrain)value).GetGrainId().Key);
    }
}
