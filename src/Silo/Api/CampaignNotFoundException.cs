namespace Rlvr.Silo.Api;

/// <summary>No campaign has this id: 404.</summary>
public sealed class CampaignNotFoundException(string id) : Exception($"campaign '{id}' does not exist.");
