namespace Rlvr.Storage.Deltas;

/// <summary>
/// A decoded <see cref="WordDelta"/>: the word size, the rebuilt buffer's length, the changed words' indices (ascending)
/// and values (word after word), the bytes after the last whole word, and the SHA-256 of the base and of the result.
/// </summary>
public sealed record WordDeltaContent(
    int WordSize, long Length, IReadOnlyList<long> Indices, byte[] Values, byte[] Tail, byte[] BaseSha256, byte[] ResultSha256);
