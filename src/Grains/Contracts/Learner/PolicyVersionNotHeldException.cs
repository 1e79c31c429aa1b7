namespace Rlvr.Grains.Contracts;

/// <summary>
/// A policy version was asked of a learner that does not hold it: it holds the current version and, once an update has
/// begun, the one before (404 through the API).
/// </summary>
[GenerateSerializer, Alias("rlvr.PolicyVersionNotHeldException")]
public sealed class PolicyVersionNotHeldException(string message) : InvalidOperationException(message);
