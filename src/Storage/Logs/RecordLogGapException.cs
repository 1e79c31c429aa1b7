namespace Rlvr.Storage.Logs;

/// <summary>A record written past the end of its log, which would leave a gap.</summary>
public sealed class RecordLogGapException(string owner, string log, long position)
    : InvalidOperationException($"log '{log}' of '{owner}' ends before position {position}: records are written in order.");
