using Orleans.Storage;

namespace Rlvr.Storage.Serialization;

/// <summary>
/// Orleans' grain storage serializer over <see cref="StorageJson"/>, given to Orleans' own providers (Azure Table) so
/// that their state is the same JSON as that of the SQLite and PostgreSQL providers.
/// </summary>
public sealed class StorageJsonGrainSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input, StorageJson.Options);

    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.ToObjectFromJson<T>(StorageJson.Options)!;
    }
}
