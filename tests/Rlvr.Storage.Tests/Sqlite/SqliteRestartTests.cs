using Microsoft.Data.Sqlite;
using Rlvr.Storage.Sqlite;
using Rlvr.Storage.Tests.GrainStorage;
using Rlvr.Storage.Tests.Resilience;

namespace Rlvr.Storage.Tests.Sqlite;

/// <summary>What a silo restart sees: new provider instances over the same file, after the process let go of it.</summary>
public sealed class SqliteRestartTests : IDisposable
{
    private static readonly GrainId Grain = GrainId.Create("campaign", "restart");

    private readonly TemporarySqliteFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task StateAndRemindersSurviveNewProviderInstancesAndETagsAreNotReused()
    {
        var written = new GrainState<CounterState>(new CounterState { Step = 41 });
        await new SqliteGrainStorage("a", _file.Options()).WriteStateAsync("state", Grain, written);
        var reminderETag = await new SqliteReminderTable(_file.Options()).UpsertRow(new ReminderEntry
        {
            GrainId = Grain,
            ReminderName = "watchdog",
            StartAt = DateTime.UnixEpoch,
            Period = TimeSpan.FromMinutes(1),
        });
        SqliteConnection.ClearAllPools();

        var reopened = new SqliteGrainStorage("b", _file.Options());
        var read = new GrainState<CounterState>();
        await reopened.ReadStateAsync("state", Grain, read);
        Assert.Equal((41, written.ETag), (read.State!.Step, read.ETag));
        Assert.Equal(reminderETag, (await new SqliteReminderTable(_file.Options()).ReadRow(Grain, "watchdog"))?.ETag);

        await reopened.ClearStateAsync("state", Grain, read);
        await reopened.WriteStateAsync("state", Grain, read);
        Assert.NotEqual(written.ETag, read.ETag);
        Assert.NotEqual(reminderETag, read.ETag);
    }
}
