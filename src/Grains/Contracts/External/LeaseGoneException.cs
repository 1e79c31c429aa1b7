namespace Rlvr.Grains.Contracts;

/// <summary>A report for a lease that expired and went out again under another id (410): its trainer asks for new work.</summary>
[GenerateSerializer, Alias("rlvr.LeaseGoneException")]
public sealed class LeaseGoneException(string message) : Exception(message);
