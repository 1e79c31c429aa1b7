using System.Security.Cryptography;
using Rlvr.Storage.Checkpoints;
using Rlvr.Training.Configuration;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// Datasets as campaigns keep them: the content a user sent, stored once under its SHA-256 in the checkpoint storage
/// (so that every silo of a cluster reads it) and read back by hash whenever a campaign loads. A silo never reads a
/// dataset from a path, so a file edited or deleted after creation changes nothing. A snapshot is a one-blob
/// checkpoint, committed by its manifest; its owner starts with '_', which no campaign id does.
/// </summary>
public sealed class DatasetSnapshotStore(CheckpointRepository checkpoints)
{
    private const string BlobName = "dataset.jsonl";

    public static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Stores the content unless a snapshot of it exists; returns its SHA-256.</summary>
    public async Task<string> SaveAsync(byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var sha256 = Hash(content);
        var owner = Owner(sha256);
        if ((await checkpoints.ListCommittedAsync(owner, cancellationToken)).Count == 0)
        {
            var blob = await checkpoints.PutBlobAsync(owner, 0, BlobName, content, cancellationToken);
            await checkpoints.CommitAsync(owner, 0, [blob], new Dictionary<string, string>(), cancellationToken);
        }
        return sha256;
    }

    /// <summary>
    /// The content of the snapshot, checked against its hash; throws <see cref="CampaignConfigException"/> when none
    /// is stored, <see cref="CheckpointCorruptException"/> when the stored bytes are damaged.
    /// </summary>
    public async Task<byte[]> ReadAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new CampaignConfigException([$"tasks.dataset: '{sha256}' is not a SHA-256 (64 lowercase hex digits)"]);
        }
        var owner = Owner(sha256);
        if ((await checkpoints.ListCommittedAsync(owner, cancellationToken)).Count == 0)
        {
            throw new CampaignConfigException([$"tasks.dataset: no dataset with SHA-256 {sha256} is stored"]);
        }
        var content = (await checkpoints.LoadAsync(owner, 0, cancellationToken)).Blob(BlobName);
        return Hash(content) == sha256
            ? content
            : throw new CheckpointCorruptException(owner, 0, $"the dataset's content has SHA-256 {Hash(content)}");
    }

    private static string Owner(string sha256) => $"_dataset-{sha256}";
}
