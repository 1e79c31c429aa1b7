namespace Rlvr.Client.Contracts;

/// <summary>What a report did: prompts accepted, repeats ignored (a retry), and the lease's prompts still unreported.</summary>
public sealed record LeaseReceiptInfo(int Accepted, int Duplicates, int Remaining);
