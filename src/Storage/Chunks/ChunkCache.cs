namespace Rlvr.Storage.Chunks;

/// <summary>
/// Verified chunks by SHA-256, at most <paramref name="capacityBytes"/> of them, the least recently used dropped first:
/// a reader fetches only the chunks it lacks. Thread-safe.
/// </summary>
public sealed class ChunkCache(long capacityBytes)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Sha256, byte[] Data)>> _chunks = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Sha256, byte[] Data)> _recency = new();
    private long _bytes;

    public byte[]? Get(string sha256)
    {
        lock (_lock)
        {
            if (!_chunks.TryGetValue(sha256, out var node))
            {
                return null;
            }
            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Data;
        }
    }

    public void Add(string sha256, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length > capacityBytes)
        {
            return;
        }
        lock (_lock)
        {
            if (_chunks.ContainsKey(sha256))
            {
                return;
            }
            _chunks[sha256] = _recency.AddFirst((sha256, data));
            _bytes += data.Length;
            while (_bytes > capacityBytes && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _chunks.Remove(oldest.Value.Sha256);
                _bytes -= oldest.Value.Data.Length;
            }
        }
    }
}
