namespace Rlvr.Silo.Api;

/// <summary>No sweep has this id: 404.</summary>
public sealed class SweepNotFoundException(string id) : Exception($"sweep '{id}' does not exist.");
