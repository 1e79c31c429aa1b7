namespace Rlvr.Grains.Contracts;

/// <summary>A grain's blob of the campaign checkpoint at <see cref="Step"/>, read and checked by the campaign.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.CheckpointPart")]
public sealed record CheckpointPart(long Step, byte[] Data);
