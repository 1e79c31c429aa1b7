namespace Rlvr.Training.Replay;

/// <summary>
/// Rollout replay (docs/algorithms.md, Replay): capacity C groups, fresh fraction delta of each batch, and the
/// staleness bound N: a group generated more than N policy versions ago is not replayed.
/// </summary>
public sealed record ReplayOptions(int Capacity = 256, double FreshFraction = 0.5, int MaxStaleness = 4);
