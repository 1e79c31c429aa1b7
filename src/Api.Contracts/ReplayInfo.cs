namespace Rlvr.Api.Contracts;

/// <summary>The rollout replay buffer: whether the campaign uses one, groups stored now, groups admitted and replayed so far.</summary>
public sealed record ReplayInfo(bool Enabled, int Stored, long Admitted, long Replayed);
