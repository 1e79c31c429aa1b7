namespace Rlvr.Grains.Contracts;

/// <summary>What a report on a lease did: prompts accepted, repeats ignored, the lease's prompts still unreported.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.LeaseReceipt")]
public sealed record LeaseReceipt(int Accepted, int Duplicates, int Remaining);
