using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Orleans.Storage;
using Rlvr.Storage.Checkpoints;
using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Azure;

/// <summary>
/// Checkpoints in an Azure Blob container: <c>owner/sequence/name.blob</c> and <c>owner/sequence/manifest.json</c>.
/// Each blob carries its SHA-256 as metadata, checked when it is read. Large blobs go up in blocks (staged, then one
/// block-list commit), so a blob is visible whole or not at all; every put is conditional on what was there when it
/// started (If-None-Match or If-Match), so a concurrent writer of the same checkpoint is detected, not overwritten.
/// </summary>
public sealed class AzureBlobCheckpointStore : ICheckpointStore, IStartupCheck
{
    private const string ManifestBlobName = "manifest.json";
    private const string Sha256Metadata = "sha256";

    /// <summary>Uploads above this go in blocks of this size, several at a time.</summary>
    private const int BlockSize = 4 << 20;

    private readonly BlobContainerClient _container;
    private volatile bool _containerExists;

    public AzureBlobCheckpointStore(string connectionString, string container)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(container);
        // Few, quick retries in the SDK: the retry decorator above it does the patient ones.
        var options = new BlobClientOptions { Retry = { MaxRetries = 2, Delay = TimeSpan.FromMilliseconds(200) } };
        _container = new BlobServiceClient(connectionString, options).GetBlobContainerClient(container);
    }

    public Task PutBlobAsync(string owner, long sequence, string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        PutAsync(BlobPath(owner, sequence, name), data, cancellationToken);

    public Task<byte[]?> GetBlobAsync(string owner, long sequence, string name, CancellationToken cancellationToken = default) =>
        GetAsync(owner, sequence, BlobPath(owner, sequence, name), cancellationToken);

    public Task PutManifestAsync(string owner, long sequence, ReadOnlyMemory<byte> manifest, CancellationToken cancellationToken = default) =>
        PutAsync(ManifestPath(owner, sequence), manifest, cancellationToken);

    public Task<byte[]?> GetManifestAsync(string owner, long sequence, CancellationToken cancellationToken = default) =>
        GetAsync(owner, sequence, ManifestPath(owner, sequence), cancellationToken);

    public async Task<IReadOnlyList<long>> ListAsync(string owner, CancellationToken cancellationToken = default)
    {
        var prefix = CheckpointNames.Validate(owner, nameof(owner)) + "/";
        var container = await ContainerAsync(cancellationToken);
        var sequences = new List<long>();
        await foreach (var item in container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", prefix, cancellationToken))
        {
            if (item.IsPrefix && long.TryParse(item.Prefix.AsSpan(prefix.Length).TrimEnd('/'), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                sequences.Add(sequence);
            }
        }

        sequences.Sort();
        return sequences;
    }

    public async Task DeleteAsync(string owner, long sequence, CancellationToken cancellationToken = default)
    {
        // Manifest first, so that a delete cut short leaves an uncommitted checkpoint, never a committed one missing blobs.
        var container = await ContainerAsync(cancellationToken);
        await container.DeleteBlobIfExistsAsync(ManifestPath(owner, sequence), cancellationToken: cancellationToken);
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, CheckpointPrefix(owner, sequence), cancellationToken))
        {
            await container.DeleteBlobIfExistsAsync(item.Name, cancellationToken: cancellationToken);
        }
    }

    public async Task EnsureWritableAsync(CancellationToken cancellationToken)
    {
        try
        {
            var probe = (await ContainerAsync(cancellationToken)).GetBlobClient(".rlvr-startup-probe");
            await probe.UploadAsync(BinaryData.FromString(DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)), overwrite: true, cancellationToken);
            await probe.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or IOException)
        {
            throw new StorageUnavailableException("Azure Blob checkpoint store",
                $"endpoint {_container.Uri.GetLeftPart(UriPartial.Authority)}, container '{_container.Name}'", e);
        }
    }

    private async Task PutAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var blob = (await ContainerAsync(cancellationToken)).GetBlobClient(path);
        var conditions = await ExistingETagAsync(blob, cancellationToken) is { } eTag
            ? new BlobRequestConditions { IfMatch = eTag }
            : new BlobRequestConditions { IfNoneMatch = ETag.All };
        var options = new BlobUploadOptions
        {
            Conditions = conditions,
            Metadata = new Dictionary<string, string> { [Sha256Metadata] = Convert.ToHexStringLower(SHA256.HashData(data.Span)) },
            TransferOptions = new StorageTransferOptions
            {
                InitialTransferSize = BlockSize,
                MaximumTransferSize = BlockSize,
                MaximumConcurrency = 4,
            },
        };
        try
        {
            await blob.UploadAsync(new BinaryData(data), options, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw new InconsistentStateException($"checkpoint blob '{path}' was written by another writer during this write.",
                null, conditions.IfMatch?.ToString(), e);
        }
    }

    private async Task<byte[]?> GetAsync(string owner, long sequence, string path, CancellationToken cancellationToken)
    {
        BlobDownloadResult result;
        try
        {
            result = (await (await ContainerAsync(cancellationToken)).GetBlobClient(path).DownloadContentAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }

        var bytes = result.Content.ToArray();
        if (result.Details.Metadata.TryGetValue(Sha256Metadata, out var expected) && Convert.ToHexStringLower(SHA256.HashData(bytes)) != expected)
        {
            throw new CheckpointCorruptException(owner, sequence, $"blob '{path}' does not match the SHA-256 stored with it");
        }

        return bytes;
    }

    private static async Task<ETag?> ExistingETagAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task<BlobContainerClient> ContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerExists)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _containerExists = true;
        }

        return _container;
    }

    private static string CheckpointPrefix(string owner, long sequence)
    {
        CheckpointNames.Validate(owner, nameof(owner));
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        return $"{owner}/{sequence.ToString("D12", CultureInfo.InvariantCulture)}/";
    }

    private static string BlobPath(string owner, long sequence, string name) =>
        CheckpointPrefix(owner, sequence) + CheckpointNames.Validate(name, nameof(name)) + ".blob";

    private static string ManifestPath(string owner, long sequence) => CheckpointPrefix(owner, sequence) + ManifestBlobName;
}
