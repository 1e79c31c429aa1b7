using System.Globalization;
using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Checkpoints;

/// <summary>
/// Checkpoints in a local (or mounted shared) directory: <c>root/owner/sequence/name</c>, manifest as
/// <c>manifest.json</c>. Every file is written to a temporary name, flushed to the device and renamed, so a crash
/// leaves either the old file or the whole new one.
/// </summary>
public sealed class LocalCheckpointStore : ICheckpointStore, IStartupCheck
{
    private const string ManifestFileName = "manifest.json";
    private readonly string _root;

    public LocalCheckpointStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
    }

    public Task PutBlobAsync(string owner, long sequence, string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        WriteAtomicallyAsync(Path.Combine(CheckpointDirectory(owner, sequence), BlobFileName(name)), data, cancellationToken);

    public Task<byte[]?> GetBlobAsync(string owner, long sequence, string name, CancellationToken cancellationToken = default) =>
        ReadAsync(Path.Combine(CheckpointDirectory(owner, sequence), BlobFileName(name)), cancellationToken);

    public Task PutManifestAsync(string owner, long sequence, ReadOnlyMemory<byte> manifest, CancellationToken cancellationToken = default) =>
        WriteAtomicallyAsync(Path.Combine(CheckpointDirectory(owner, sequence), ManifestFileName), manifest, cancellationToken);

    public Task<byte[]?> GetManifestAsync(string owner, long sequence, CancellationToken cancellationToken = default) =>
        ReadAsync(Path.Combine(CheckpointDirectory(owner, sequence), ManifestFileName), cancellationToken);

    public Task<IReadOnlyList<long>> ListAsync(string owner, CancellationToken cancellationToken = default)
    {
        var directory = OwnerDirectory(owner);
        IReadOnlyList<long> sequences = Directory.Exists(directory)
            ? Directory.EnumerateDirectories(directory)
                .Select(d => long.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : -1)
                .Where(s => s >= 0)
                .Order()
                .ToList()
            : [];
        return Task.FromResult(sequences);
    }

    public Task DeleteAsync(string owner, long sequence, CancellationToken cancellationToken = default)
    {
        var directory = CheckpointDirectory(owner, sequence);
        // A checkpoint already gone is deleted: a retried delete must not fail on the directory the first one removed.
        if (Directory.Exists(directory))
        {
            File.Delete(Path.Combine(directory, ManifestFileName));
            Directory.Delete(directory, recursive: true);
        }
        try
        {
            // The owner's last checkpoint gone (its campaign deleted, say): its directory goes too.
            Directory.Delete(OwnerDirectory(owner));
        }
        catch (IOException)
        {
            // Other checkpoints of the owner (or it is gone already).
        }
        return Task.CompletedTask;
    }

    public async Task EnsureWritableAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A name no owner can have (owners never start with '.'), written the way checkpoints are, then removed.
            var probe = Path.Combine(_root, ".rlvr-startup-probe");
            await WriteAtomicallyAsync(probe, "probe"u8.ToArray(), cancellationToken);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException("local checkpoint directory", $"path '{_root}'", e);
        }
    }

    private string OwnerDirectory(string owner) => Path.Combine(_root, CheckpointNames.Validate(owner, nameof(owner)));

    private string CheckpointDirectory(string owner, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        return Path.Combine(OwnerDirectory(owner), sequence.ToString("D12", CultureInfo.InvariantCulture));
    }

    private static string BlobFileName(string name) => CheckpointNames.Validate(name, nameof(name)) + ".blob";

    private static async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await stream.WriteAsync(data, cancellationToken);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private static async Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
