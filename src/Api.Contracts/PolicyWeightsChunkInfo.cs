namespace Rlvr.Api.Contracts;

/// <summary>One chunk of a published version: its SHA-256 (its name), its length, and the blob it is read from (weights/chunks/{blob}/{sha256}).</summary>
public sealed record PolicyWeightsChunkInfo(string Sha256, int Length, long Blob);
