namespace Rlvr.Api.Contracts;

/// <summary>
/// POST /api/v1/campaigns: the campaign id, its YAML configuration as text, an optional step-count override, whether
/// to start it once created, and for a configuration whose <c>tasks.dataset</c> names a dataset the SHA-256 that
/// POST /api/v1/datasets answered for its content (the silo reads no path a request names).
/// </summary>
public sealed record CreateCampaignRequest(
    string Id, string Config, int? Steps = null, bool Start = true, string? DatasetSha256 = null);
