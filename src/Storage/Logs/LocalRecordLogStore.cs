using System.Collections.Concurrent;

namespace Rlvr.Storage.Logs;

/// <summary>
/// Logs as files of lines, &lt;root&gt;/&lt;owner&gt;/&lt;log&gt;, one record a line (records hold no newline), so that
/// they read as JSON lines. A file's line starts are read once and kept; a torn last line (a crash cut its write) is cut
/// off when the file is first opened. One process owns a root.
/// </summary>
public sealed class LocalRecordLogStore(string root) : IRecordLogStore, IDisposable
{
    private readonly ConcurrentDictionary<string, Task<LineIndex>> _files = new(StringComparer.Ordinal);

    public async Task AppendAsync(string owner, string log, long position, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default)
    {
        if (record.Span.Contains((byte)'\n'))
        {
            throw new ArgumentException("a record of a local log cannot hold a newline", nameof(record));
        }
        var path = PathOf(owner, log);
        var index = await Index(path);
        using (await index.Gate.LockAsync(cancellationToken))
        {
            if (position > index.Starts.Count)
            {
                throw new RecordLogGapException(owner, log, position);
            }
            Cut(path, index, position);
            await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await file.WriteAsync(record, cancellationToken);
            await file.WriteAsync("\n"u8.ToArray(), cancellationToken);
            index.Starts.Add(index.Length);
            index.Length += record.Length + 1;
        }
    }

    public async Task<IReadOnlyList<byte[]>> ReadAsync(string owner, string log, long from, CancellationToken cancellationToken = default)
    {
        var path = PathOf(owner, log);
        var index = await Index(path);
        using (await index.Gate.LockAsync(cancellationToken))
        {
            if (from >= index.Starts.Count)
            {
                return [];
            }
            var first = index.Starts[(int)Math.Max(0, from)];
            var bytes = new byte[index.Length - first];
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            file.Seek(first, SeekOrigin.Begin);
            await file.ReadExactlyAsync(bytes, cancellationToken);
            var records = new List<byte[]>();
            for (var start = 0; start < bytes.Length;)
            {
                var end = Array.IndexOf(bytes, (byte)'\n', start);
                records.Add(bytes[start..end]);
                start = end + 1;
            }
            return records;
        }
    }

    public async Task TruncateAsync(string owner, string log, long length, CancellationToken cancellationToken = default)
    {
        var path = PathOf(owner, log);
        var index = await Index(path);
        using (await index.Gate.LockAsync(cancellationToken))
        {
            Cut(path, index, length);
        }
    }

    /// <summary>Deletes the file, and the owner's directory once it holds no other log.</summary>
    public async Task DeleteAsync(string owner, string log, CancellationToken cancellationToken = default)
    {
        var path = PathOf(owner, log);
        var index = await Index(path);
        using (await index.Gate.LockAsync(cancellationToken))
        {
            File.Delete(path);
            index.Starts.Clear();
            index.Length = 0;
            // Forgotten, so that a log written again under this name is opened anew (its directory created again).
            _files.TryRemove(path, out _);
        }
        try
        {
            Directory.Delete(Path.GetDirectoryName(path)!);
        }
        catch (IOException)
        {
            // Not empty: the owner's other logs, or other files of it, stay.
        }
    }

    public void Dispose()
    {
        foreach (var index in _files.Values.Where(t => t.IsCompletedSuccessfully))
        {
            index.Result.Dispose();
        }
    }

    private string PathOf(string owner, string log)
    {
        foreach (var (part, name) in new[] { (owner, nameof(owner)), (log, nameof(log)) })
        {
            if (string.IsNullOrEmpty(part) || part is "." or ".." || part.IndexOfAny(['/', '\\', '\0']) >= 0)
            {
                throw new ArgumentException($"'{part}' cannot name a log file", name);
            }
        }
        return Path.Combine(root, owner, log);
    }

    private async Task<LineIndex> Index(string path)
    {
        var loading = _files.GetOrAdd(path, LineIndex.LoadAsync);
        try
        {
            return await loading;
        }
        catch
        {
            // Not kept: the next call reads the file again.
            _files.TryRemove(new KeyValuePair<string, Task<LineIndex>>(path, loading));
            throw;
        }
    }

    private static void Cut(string path, LineIndex index, long length)
    {
        if (length < index.Starts.Count)
        {
            var bytes = index.Starts[(int)length];
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
            {
                file.SetLength(bytes);
            }
            index.Starts.RemoveRange((int)length, index.Starts.Count - (int)length);
            index.Length = bytes;
        }
    }

    /// <summary>Where each line of a file starts, and the length of its complete lines.</summary>
    private sealed class LineIndex : IDisposable
    {
        public AsyncGate Gate { get; } = new();

        public List<long> Starts { get; } = [];

        public long Length { get; set; }

        public void Dispose() => Gate.Dispose();

        public static async Task<LineIndex> LoadAsync(string path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var index = new LineIndex();
            if (!File.Exists(path))
            {
                return index;
            }
            var bytes = await File.ReadAllBytesAsync(path);
            for (var end = Array.IndexOf(bytes, (byte)'\n'); end >= 0; end = Array.IndexOf(bytes, (byte)'\n', end + 1))
            {
                index.Starts.Add(index.Length);
                index.Length = end + 1;
            }
            if (index.Length < bytes.Length)
            {
                await using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
                file.SetLength(index.Length);
            }
            return index;
        }
    }
}
