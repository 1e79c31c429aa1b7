namespace Rlvr.Storage.Chunks;

/// <summary>A chunked blob read back whole, and how many of its bytes came from the store rather than the cache.</summary>
public sealed record ChunkedRead(byte[] Data, long BytesFetched);
