namespace Rlvr.Api.Contracts;

/// <summary>An axis of a sweep: its name (seed, a configuration key, or a name of fragments such as strategy) and its values' labels.</summary>
public sealed record SweepAxisInfo(string Name, IReadOnlyList<string> Values);
