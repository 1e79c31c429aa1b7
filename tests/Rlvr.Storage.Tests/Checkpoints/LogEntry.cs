using Microsoft.Extensions.Logging;

namespace Rlvr.Storage.Tests.Checkpoints;

/// <summary>One entry a <see cref="RecordingLogger{T}"/> kept.</summary>
internal sealed record LogEntry(LogLevel Level, string Message, Exception? Error);
