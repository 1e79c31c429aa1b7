using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Rlvr.Storage.Checkpoints;

/// <summary>
/// The commit protocol over an <see cref="ICheckpointStore"/>: blobs are written with their SHA-256, the manifest
/// naming them last, so a checkpoint exists exactly when its manifest does. Loading takes the newest checkpoint
/// whose manifest parses and whose every blob has its recorded length and checksum; each one passed over is logged
/// with what was wrong.
/// </summary>
public sealed class CheckpointRepository(ICheckpointStore store, ILogger<CheckpointRepository> logger)
{
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes one blob of an uncommitted checkpoint and returns what its manifest records of it.</summary>
    public async Task<CheckpointBlob> PutBlobAsync(string owner, long sequence, string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        await store.PutBlobAsync(owner, sequence, name, data, cancellationToken);
        return new CheckpointBlob(name, data.Length, Checksum(data.Span));
    }

    /// <summary>Commits the checkpoint: writes the manifest of blobs already written.</summary>
    public async Task<CheckpointManifest> CommitAsync(
        string owner, long sequence, IReadOnlyList<CheckpointBlob> blobs, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(metadata);
        var duplicate = blobs.GroupBy(b => b.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"blob '{duplicate.Key}' is listed twice.", nameof(blobs));
        }
        var manifest = new CheckpointManifest(owner, sequence, DateTimeOffset.UtcNow, metadata, blobs);
        await store.PutManifestAsync(owner, sequence, JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson), cancellationToken);
        return manifest;
    }

    /// <summary>A blob of a committed checkpoint, checked against its manifest entry.</summary>
    public async Task<byte[]> ReadBlobAsync(CheckpointManifest manifest, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var entry = manifest.Blob(name);
        var data = await store.GetBlobAsync(manifest.Owner, manifest.Sequence, name, cancellationToken)
            ?? throw new CheckpointCorruptException(manifest.Owner, manifest.Sequence, $"blob '{name}' is missing");
        if (data.Length != entry.Length)
        {
            throw new CheckpointCorruptException(manifest.Owner, manifest.Sequence,
                $"blob '{name}' has {data.Length} bytes, the manifest says {entry.Length} (truncated?)");
        }
        var checksum = Checksum(data);
        if (checksum != entry.Sha256)
        {
            throw new CheckpointCorruptException(manifest.Owner, manifest.Sequence,
                $"blob '{name}' has SHA-256 {checksum}, the manifest says {entry.Sha256}");
        }
        return data;
    }

    /// <summary>A checkpoint's manifest and blobs, each blob read and checked once; throws <see cref="CheckpointCorruptException"/> naming the problem.</summary>
    public async Task<LoadedCheckpoint> LoadAsync(string owner, long sequence, CancellationToken cancellationToken = default)
    {
        var bytes = await store.GetManifestAsync(owner, sequence, cancellationToken)
            ?? throw new CheckpointCorruptException(owner, sequence, "no manifest (its write never finished)");
        CheckpointManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<CheckpointManifest>(bytes, ManifestJson)
                ?? throw new JsonException("the manifest is null");
        }
        catch (JsonException e)
        {
            throw new CheckpointCorruptException(owner, sequence, $"unreadable manifest: {e.Message}");
        }
        if (manifest.Owner != owner || manifest.Sequence != sequence)
        {
            throw new CheckpointCorruptException(owner, sequence, $"the manifest is that of checkpoint {manifest.Sequence} of '{manifest.Owner}'");
        }
        var blobs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var blob in manifest.Blobs)
        {
            blobs[blob.Name] = await ReadBlobAsync(manifest, blob.Name, cancellationToken);
        }
        return new LoadedCheckpoint(manifest, blobs);
    }

    /// <summary>
    /// The committed checkpoints of the owner, oldest first, as their manifests say (blobs not read: for listing; a
    /// restore verifies through <see cref="LoadAsync"/>). Checkpoints with no or an unreadable manifest are left out.
    /// </summary>
    public async Task<IReadOnlyList<CheckpointManifest>> ListCommittedAsync(string owner, CancellationToken cancellationToken = default)
    {
        var manifests = new List<CheckpointManifest>();
        foreach (var sequence in await store.ListAsync(owner, cancellationToken))
        {
            if (await store.GetManifestAsync(owner, sequence, cancellationToken) is { } bytes && TryParse(bytes) is { } manifest)
            {
                manifests.Add(manifest);
            }
        }
        return manifests;

        static CheckpointManifest? TryParse(byte[] bytes)
        {
            try
            {
                return JsonSerializer.Deserialize<CheckpointManifest>(bytes, ManifestJson);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// The newest usable checkpoint of the owner with its blobs (each read and checked once), or null when there is
    /// none; unusable newer ones are logged and skipped.
    /// </summary>
    public async Task<LoadedCheckpoint?> LoadLatestAsync(string owner, CancellationToken cancellationToken = default)
    {
        var sequences = await store.ListAsync(owner, cancellationToken);
        for (var i = sequences.Count - 1; i >= 0; i--)
        {
            try
            {
                return await LoadAsync(owner, sequences[i], cancellationToken);
            }
            catch (CheckpointCorruptException e)
            {
                logger.LogWarning("Skipping {Problem}; falling back to an earlier checkpoint", e.Message);
            }
        }
        return null;
    }

    /// <summary>
    /// Deletes the committed checkpoints <paramref name="retention"/> lets go, and uncommitted leftovers older than
    /// <paramref name="latest"/> (writes a crash interrupted). Never touches <paramref name="latest"/> or anything newer.
    /// </summary>
    public async Task ApplyRetentionAsync(string owner, long latest, CheckpointRetention retention, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(retention);
        var committed = new List<long>();
        foreach (var sequence in (await store.ListAsync(owner, cancellationToken)).Where(s => s <= latest))
        {
            if (await store.GetManifestAsync(owner, sequence, cancellationToken) is not null)
            {
                committed.Add(sequence);
            }
            else if (sequence < latest)
            {
                await store.DeleteAsync(owner, sequence, cancellationToken);
            }
        }
        foreach (var sequence in retention.Expired(committed))
        {
            await store.DeleteAsync(owner, sequence, cancellationToken);
        }
    }

    /// <summary>Deletes every checkpoint of the owner, committed or not, newest first (its campaign is deleted).</summary>
    public async Task DeleteAllAsync(string owner, CancellationToken cancellationToken = default)
    {
        foreach (var sequence in (await store.ListAsync(owner, cancellationToken)).Reverse())
        {
            await store.DeleteAsync(owner, sequence, cancellationToken);
        }
    }

    private static string Checksum(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
