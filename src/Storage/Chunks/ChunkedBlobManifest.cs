namespace Rlvr.Storage.Chunks;

/// <summary>
/// What a reader needs of a chunked blob stored as <paramref name="Sequence"/> of <paramref name="Collection"/>: its
/// length and SHA-256, the writer's metadata, and its chunks in order. Small: this is what travels instead of the blob.
/// </summary>
public sealed record ChunkedBlobManifest(
    string Collection,
    long Sequence,
    long Length,
    string Sha256,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<ChunkReference> Chunks)
{
    /// <summary>A metadata entry the writer must have set; throws naming it when absent.</summary>
    public string Require(string key) => Metadata.TryGetValue(key, out var value)
        ? value
        : throw new InvalidDataException($"chunked blob {Sequence} of '{Collection}': its manifest has no '{key}'.");
}
