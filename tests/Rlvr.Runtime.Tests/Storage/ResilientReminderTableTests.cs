using Microsoft.Extensions.Logging.Abstractions;
using Rlvr.Runtime.Reminders;
using Rlvr.Runtime.Storage.InMemory;
using Rlvr.Runtime.Storage.Resilience;

namespace Rlvr.Runtime.Tests.Storage;

public sealed class ResilientReminderTableTests
{
    private static readonly GrainId Grain = new("CampaignGrain", "c-1");

    private static readonly StorageRetryOptions FastRetries = new() { MaxRetryAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1) };

    [Fact]
    public async Task TransientUpsertFailuresAreRetried()
    {
        var flaky = new FlakyReminderTable { FailuresBefore = 2 };
        var table = Wrap(flaky);

        var eTag = await table.UpsertAsync(new ReminderEntry(Grain, "step", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1)));

        Assert.Equal(3, flaky.Attempts);
        Assert.Equal(eTag, (await flaky.Inner.ReadAsync(Grain, "step"))!.ETag);
    }

    [Fact]
    public async Task ARemoveThatCommittedButTimedOutReportsSuccess()
    {
        var flaky = new FlakyReminderTable();
        var table = Wrap(flaky);
        var eTag = await table.UpsertAsync(new ReminderEntry(Grain, "step", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1)));
        flaky.TimeoutsAfterCommit = 1;

        Assert.True(await table.RemoveAsync(Grain, "step", eTag));
        Assert.Null(await flaky.Inner.ReadAsync(Grain, "step"));
    }

    [Fact]
    public async Task ExhaustedRetriesNameTheReminder()
    {
        var flaky = new FlakyReminderTable { FailuresBefore = int.MaxValue };

        var error = await Assert.ThrowsAsync<GrainStorageException>(() =>
            Wrap(flaky).UpsertAsync(new ReminderEntry(Grain, "step", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1))));

        Assert.Equal($"{Grain}#step", error.Key);
        Assert.Equal(FastRetries.MaxRetryAttempts + 1, flaky.Attempts);
    }

    private static ResilientReminderTable Wrap(IReminderTable inner) => new(inner, "flaky", FastRetries, NullLogger<ResilientReminderTable>.Instance);

    private sealed class FlakyReminderTable : IReminderTable
    {
        public InMemoryReminderTable Inner { get; } = new();

        public int FailuresBefore { get; set; }

        public int TimeoutsAfterCommit { get; set; }

        public int Attempts { get; private set; }

        public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken = default) => Inner.ReadAllAsync(cancellationToken);

        public Task<ReminderEntry?> ReadAsync(GrainId grain, string name, CancellationToken cancellationToken = default) => Inner.ReadAsync(grain, name, cancellationToken);

        public async Task<string> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
        {
            FailBefore();
            var eTag = await Inner.UpsertAsync(entry, cancellationToken);
            FailAfterCommit();
            return eTag;
        }

        public async Task<bool> RemoveAsync(GrainId grain, string name, string eTag, CancellationToken cancellationToken = default)
        {
            FailBefore();
            var removed = await Inner.RemoveAsync(grain, name, eTag, cancellationToken);
            FailAfterCommit();
            return removed;
        }

        private void FailBefore()
        {
            Attempts++;
            if (FailuresBefore-- > 0)
            {
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
