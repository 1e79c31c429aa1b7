namespace Rlvr.Grains.Contracts;

/// <summary>
/// A grain of a campaign (learner, curriculum, replay buffer) holds none of the campaign's state: it was activated anew,
/// after a silo restart or idle collection. Only the campaign restores it, from its latest checkpoint, so that all its
/// grains come back to the same step.
/// </summary>
[GenerateSerializer, Alias("rlvr.CampaignRestoreRequiredException")]
public sealed class CampaignRestoreRequiredException(string message) : InvalidOperationException(message);
