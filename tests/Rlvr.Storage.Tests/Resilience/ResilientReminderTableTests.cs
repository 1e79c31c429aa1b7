using Microsoft.Extensions.Logging.Abstractions;
using Rlvr.Storage.Resilience;
using Rlvr.Storage.Sqlite;

namespace Rlvr.Storage.Tests.Resilience;

/// <summary>The retry decorator over a real SQLite reminder table with faults injected in between.</summary>
public sealed class ResilientReminderTableTests : IDisposable
{
    private static readonly GrainId Grain = GrainId.Create("campaign", "c-1");

    private static readonly StorageRetryOptions FastRetries = new() { MaxRetryAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1) };

    private readonly TemporarySqliteFile _file = new();
    private readonly FlakyReminderTable _flaky;

    public ResilientReminderTableTests() => _flaky = new FlakyReminderTable(new SqliteReminderTable(_file.Options()));

    public void Dispose() => _file.Dispose();

    private ResilientReminderTable Wrap() => new(_flaky, "flaky", FastRetries, NullLogger<ResilientReminderTable>.Instance);

    private static ReminderEntry Entry() => new()
    {
        GrainId = Grain,
        ReminderName = "watchdog",
        StartAt = DateTime.UnixEpoch,
        Period = TimeSpan.FromMinutes(1),
    };

    [Fact]
    public async Task TransientUpsertFailuresAreRetried()
    {
        _flaky.FailuresBefore = 2;

        var eTag = await Wrap().UpsertRow(Entry());

        Assert.Equal(3, _flaky.Attempts);
        Assert.Equal(eTag, (await _flaky.Inner.ReadRow(Grain, "watchdog"))!.ETag);
    }

    [Fact]
    public async Task ARemoveThatCommittedButTimedOutReportsSuccess()
    {
        var table = Wrap();
        var eTag = await table.UpsertRow(Entry());
        _flaky.TimeoutsAfterCommit = 1;

        Assert.True(await table.RemoveRow(Grain, "watchdog", eTag!));
        Assert.Null(await _flaky.Inner.ReadRow(Grain, "watchdog"));
    }

    [Fact]
    public async Task ARemoveWithAnUnknownOutcomeThatLostToAnUpsertReportsFailure()
    {
        var table = Wrap();
        var eTag = await table.UpsertRow(Entry());
        _flaky.FailuresBefore = 1;
        // Another silo re-registers the reminder while our remove's outcome is unknown.
        _flaky.BeforeFailure = () => _flaky.Inner.UpsertRow(Entry()).GetAwaiter().GetResult();

        Assert.False(await table.RemoveRow(Grain, "watchdog", eTag!));
        Assert.NotNull(await _flaky.Inner.ReadRow(Grain, "watchdog"));
    }

    [Fact]
    public async Task ExhaustedRetriesNameTheReminder()
    {
        _flaky.FailuresBefore = int.MaxValue;

        var error = await Assert.ThrowsAsync<GrainStorageException>(() => Wrap().UpsertRow(Entry()));

        Assert.Equal($"{Grain}#watchdog", error.Key);
        Assert.Equal(FastRetries.MaxRetryAttempts + 1, _flaky.Attempts);
    }

    /// <summary>A real reminder table whose changes fail on command.</summary>
    private sealed class FlakyReminderTable(IReminderTable inner) : IReminderTable
    {
        public IReminderTable Inner => inner;

        public int FailuresBefore { get; set; }

        public int TimeoutsAfterCommit { get; set; }

        public Action? BeforeFailure { get; set; }

        public int Attempts { get; private set; }

        public Task<ReminderTableData> ReadRows(GrainId grainId) => inner.ReadRows(grainId);

        public Task<ReminderTableData> ReadRows(uint begin, uint end) => inner.ReadRows(begin, end);

        public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => inner.ReadRow(grainId, reminderName);

        public async Task<string?> UpsertRow(ReminderEntry entry)
        {
            FailBefore();
            var eTag = await inner.UpsertRow(entry);
            FailAfterCommit();
            return eTag;
        }

        public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
        {
            FailBefore();
            var removed = await inner.RemoveRow(grainId, reminderName, eTag);
            FailAfterCommit();
            return removed;
        }

        public Task TestOnlyClearTable() => inner.TestOnlyClearTable();

        private void FailBefore()
        {
            Attempts++;
            if (FailuresBefore-- > 0)
            {
                BeforeFailure?.Invoke();
                throw new TimeoutException("injected: the database did not answer");
            }
        }

        private void FailAfterCommit()
        {
            if (TimeoutsAfterCommit-- > 0)
            {
                throw new TimeoutException("injected: committed, but the answer was lost");
            }
        }
    }
}
