using Microsoft.Extensions.Logging;

namespace Rlvr.Storage.Tests.Checkpoints;

/// <summary>
/// A logger that keeps what was logged, so a test can check that a problem was reported and how, or wait until it is.
/// </summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<LogEntry> _entries = [];
    private readonly List<(Func<LogEntry, bool> Match, int Count, TaskCompletionSource Reached)> _waiters = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IEnumerable<string> Warnings => Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (_entries)
        {
            _entries.Add(new LogEntry(logLevel, formatter(state, exception), exception));
            foreach (var waiter in _waiters.Where(w => _entries.Count(w.Match) >= w.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Reached.SetResult();
            }
        }
    }

    /// <summary>Completes once <paramref name="count"/> entries that <paramref name="match"/> have been logged.</summary>
    public Task WhenLogged(Func<LogEntry, bool> match, int count)
    {
        // Continuations run asynchronously: the waiting test must not run inside Log, under its lock.
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_entries)
        {
            if (_entries.Count(match) >= count)
            {
                reached.SetResult();
            }
            else
            {
                _waiters.Add((match, count, reached));
            }
        }
        return reached.Task;
    }
}
