namespace Rlvr.Api.Contracts;

/// <summary>
/// A stored dataset (POST /api/v1/datasets): the SHA-256 a campaign names it by, its size, its distinct records, and
/// how many lines repeated an earlier record exactly and were merged into it.
/// </summary>
public sealed record DatasetInfo(string Sha256, long Bytes, int Records, int MergedRepeats);
