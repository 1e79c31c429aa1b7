namespace Rlvr.Storage.Chunks;

/// <summary>One chunk of a chunked blob: its SHA-256 (also its name), length, and the sequence it is stored under.</summary>
public sealed record ChunkReference(string Sha256, int Length, long StoredUnder);
