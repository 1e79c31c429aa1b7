namespace Rlvr.Training.Metrics;

/// <summary>A distribution whose training pass rate runs far above its held-out accuracy (sampled pass@1).</summary>
public sealed record MemorisationSign(string Distribution, double TrainingPassRate, double HeldOutAccuracy);
