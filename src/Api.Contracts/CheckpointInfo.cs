namespace Rlvr.Api.Contracts;

/// <summary>A committed checkpoint of a campaign: its step, when it was committed, the configuration and policy-weights hashes, and its blobs.</summary>
public sealed record CheckpointInfo(
    long Step,
    DateTimeOffset CreatedUtc,
    string? ConfigHash,
    string? WeightsHash,
    IReadOnlyList<CheckpointBlobInfo> Blobs);

/// <summary>A blob of a checkpoint: name, length in bytes and SHA-256 (lowercase hex).</summary>
public sealed record CheckpointBlobInfo(string Name, long Length, string Sha256);
