namespace Rlvr.Storage.Checkpoints;

/// <summary>
/// The commit record of a checkpoint, written after all its blobs: what it holds (each blob's length and SHA-256)
/// and the owner's metadata (step, configuration hash, ...).
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.CheckpointManifest")]
public sealed record CheckpointManifest(
    string Owner,
    long Sequence,
    DateTimeOffset CreatedUtc,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<CheckpointBlob> Blobs)
{
    public CheckpointBlob Blob(string name) =>
        Blobs.FirstOrDefault(b => b.Name == name)
        ?? throw new KeyNotFoundException($"checkpoint {Sequence} of '{Owner}' has no blob '{name}'.");
}

/// <summary>A blob of a checkpoint: its name, length and SHA-256 (lowercase hex).</summary>
[GenerateSerializer, Immutable, Alias("rlvr.CheckpointBlob")]
public sealed record CheckpointBlob(string Name, long Length, string Sha256);
