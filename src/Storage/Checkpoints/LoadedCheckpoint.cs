namespace Rlvr.Storage.Checkpoints;

/// <summary>A committed checkpoint read back whole: its manifest and every blob it names, checked against it.</summary>
public sealed record LoadedCheckpoint(CheckpointManifest Manifest, IReadOnlyDictionary<string, byte[]> Blobs)
{
    public byte[] Blob(string name) => Blobs.TryGetValue(name, out var data)
        ? data
        : throw new CheckpointCorruptException(Manifest.Owner, Manifest.Sequence, $"checkpoint has no blob '{name}'");
}
