namespace Rlvr.Grains.Contracts;

/// <summary>The answer to an update report: its step, and whether it had been reported before (then it changed nothing).</summary>
[GenerateSerializer, Immutable, Alias("rlvr.UpdateReceipt")]
public sealed record UpdateReceipt(long Step, bool Duplicate);
