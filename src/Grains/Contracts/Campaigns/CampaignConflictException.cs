using Orleans;

namespace Rlvr.Grains.Contracts;

/// <summary>A request the campaign's state does not allow: creating it again with another configuration, starting a stopped one.</summary>
[GenerateSerializer]
public sealed class CampaignConflictException(string message) : InvalidOperationException(message);
