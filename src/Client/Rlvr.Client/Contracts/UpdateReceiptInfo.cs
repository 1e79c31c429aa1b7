namespace Rlvr.Client.Contracts;

/// <summary>The answer to an update report; <see cref="Duplicate"/> when it had been reported before (it changed nothing).</summary>
public sealed record UpdateReceiptInfo(long Step, bool Duplicate);
