namespace Rlvr.Api.Contracts;

/// <summary>
/// A published policy version (a campaign with a built-in learner): kind "whole" (the chunks make up the exported
/// weights) or "delta" (they make up the changed words since <paramref name="BaseVersion"/>); the learner's weights hash;
/// the SHA-256 of the exported weights, which a delta must rebuild; the blob's length and SHA-256; its chunks in order.
/// </summary>
public sealed record PolicyWeightsInfo(
    long Version,
    string Kind,
    long? BaseVersion,
    string WeightsHash,
    string WeightsSha256,
    long Length,
    string Sha256,
    IReadOnlyList<PolicyWeightsChunkInfo> Chunks);
