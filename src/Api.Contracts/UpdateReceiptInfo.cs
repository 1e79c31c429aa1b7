namespace Rlvr.Api.Contracts;

/// <summary>
/// The answer to an update report; <see cref="Duplicate"/> when it had been reported before (it changed nothing); the
/// trainer's next task when the report asked for it.
/// </summary>
public sealed record UpdateReceiptInfo(long Step, bool Duplicate, TrainerTaskInfo? Next = null);
