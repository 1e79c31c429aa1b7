namespace Rlvr.Client.Contracts;

/// <summary>
/// POST /api/v1/campaigns: the campaign id, its YAML configuration as text, the directory relative paths in it resolve
/// against on the silo (default: the silo's working directory), an optional step-count override, and whether to start
/// it once created.
/// </summary>
public sealed record CreateCampaignRequest(string Id, string Config, string? BaseDirectory = null, int? Steps = null, bool Start = true);
