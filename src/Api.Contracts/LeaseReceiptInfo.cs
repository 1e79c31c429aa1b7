namespace Rlvr.Api.Contracts;

/// <summary>
/// What a report did: prompts accepted, repeats ignored (a retry), and the lease's prompts still unreported; the
/// trainer's next task when the report asked for it.
/// </summary>
public sealed record LeaseReceiptInfo(int Accepted, int Duplicates, int Remaining, TrainerTaskInfo? Next = null);
