namespace Rlvr.Grains.Contracts;

/// <summary>A report names a lease this piece of work never served (404).</summary>
[GenerateSerializer, Alias("rlvr.UnknownLeaseException")]
public sealed class UnknownLeaseException(string message) : Exception(message);
