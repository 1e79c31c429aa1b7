namespace Rlvr.Grains.Contracts;

/// <summary>A request the campaign's state does not allow: creating it again with another configuration, starting a stopped one.</summary>
[GenerateSerializer, Alias("rlvr.CampaignConflictException")]
public sealed class CampaignConflictException(string message) : InvalidOperationException(message);
