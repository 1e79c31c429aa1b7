namespace Rlvr.Grains.Contracts;

/// <summary>An axis of a sweep: its name and its values' labels, in order.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.SweepAxisView")]
public sealed record SweepAxisView(string Name, IReadOnlyList<string> Values);
