namespace Rlvr.Grains.External;

/// <summary>What a report brings: prompts reported for the first time, repeats, and the lease's prompts still unreported.</summary>
public sealed record LeaseReport(IReadOnlyList<string> Fresh, int Duplicates, int Remaining);
