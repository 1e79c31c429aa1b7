namespace Rlvr.Training.Determinism;

/// <summary>The full state of a <see cref="DeterministicRng"/> (xoshiro256**), serialisable as JSON.</summary>
public sealed record RngState(ulong S0, ulong S1, ulong S2, ulong S3);
