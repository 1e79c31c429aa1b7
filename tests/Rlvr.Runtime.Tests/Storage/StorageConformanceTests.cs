using System.Text;
using Rlvr.Runtime.Reminders;
using Rlvr.Runtime.Storage;

namespace Rlvr.Runtime.Tests.Storage;

/// <summary>
/// The behaviour every grain storage and reminder table must show, run against each provider. Keys carry a
/// grain type unique to the test, so providers whose database outlives one test stay isolated.
/// </summary>
public abstract class StorageConformanceTests : IAsyncLifetime
{
    private readonly List<object> _providers = [];

    protected string GrainType { get; } = "conformance-" + Guid.NewGuid().ToString("N");

    /// <summary>A new provider instance over the test's database (the same database each call).</summary>
    protected abstract IGrainStorage OpenGrainStorage();

    protected abstract IReminderTable OpenReminderTable();

    /// <summary>Drops whatever a provider keeps in process (pools, caches) so the next one reads the database afresh.</summary>
    protected virtual void ForgetProcessState() { }

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            if (provider is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    private IGrainStorage Storage() => Track(OpenGrainStorage());

    private IReminderTable Reminders() => Track(OpenReminderTable());

    private T Track<T>(T provider) where T : notnull
    {
        _providers.Add(provider);
        return provider;
    }

    private GrainStateKey Key(string key = "k", string state = "state") => new(new GrainId(GrainType, key), state);

    [Fact]
    public async Task ReadOfAMissingRecordReturnsNull()
    {
        Assert.Null(await Storage().ReadAsync(Key()));
    }

    [Fact]
    public async Task WriteThenReadReturnsTheJsonAndTheNewEtag()
    {
        var storage = Storage();
        var eTag = await storage.WriteAsync(Key(), """{"step":1}""", null);
        var record = await storage.ReadAsync(Key());
        Assert.Equal(new GrainStateRecord("""{"step":1}""", eTag), record);

        var next = await storage.WriteAsync(Key(), """{"step":2}""", eTag);
        Assert.NotEqual(eTag, next);
        Assert.Equal(new GrainStateRecord("""{"step":2}""", next), await storage.ReadAsync(Key()));
    }

    [Fact]
    public async Task WriteWithAStaleEtagFailsAndLeavesTheRecord()
    {
        var storage = Storage();
        var first = await storage.WriteAsync(Key(), "1", null);
        var second = await storage.WriteAsync(Key(), "2", first);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(Key(), "3", first));
        Assert.Equal(first, error.ExpectedETag);
        Assert.Equal(second, error.StoredETag);
        Assert.Equal(new GrainStateRecord("2", second), await storage.ReadAsync(Key()));
    }

    [Fact]
    public async Task SecondInsertFailsAndAnEtagOnAMissingRecordFails()
    {
        var storage = Storage();
        var eTag = await storage.WriteAsync(Key(), "first", null);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(Key(), "second", null));
        Assert.Equal(new GrainStateRecord("first", eTag), await storage.ReadAsync(Key()));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(Key("other"), "x", eTag));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(Key("other"), "x", "not-an-etag"));
        Assert.Null(await storage.ReadAsync(Key("other")));
    }

    [Fact]
    public async Task ClearChecksTheEtagAndARewriteNeverReusesAnOldEtag()
    {
        var storage = Storage();
        var first = await storage.WriteAsync(Key(), "1", null);
        var second = await storage.WriteAsync(Key(), "2", first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync(Key(), first));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync(Key(), null));
        Assert.Equal(new GrainStateRecord("2", second), await storage.ReadAsync(Key()));

        await storage.ClearAsync(Key(), second);
        Assert.Null(await storage.ReadAsync(Key()));
        await storage.ClearAsync(Key(), null);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync(Key(), second));

        var third = await storage.WriteAsync(Key(), "3", null);
        Assert.DoesNotContain(third, new[] { first, second });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(Key(), "4", first));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(Key(), "4", second));
    }

    [Fact]
    public async Task OfConcurrentWritersWithTheSameEtagExactlyOneWins()
    {
        var storage = Storage();
        var eTag = await storage.WriteAsync(Key(), "start", null);
        var writers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                return (Json: $"writer {i}", ETag: (string?)await storage.WriteAsync(Key(), $"writer {i}", eTag));
            }
            catch (InconsistentStateException)
            {
                return (Json: $"writer {i}", ETag: null);
            }
        })).ToArray();

        var results = await Task.WhenAll(writers);
        var winner = Assert.Single(results, r => r.ETag is not null);
        Assert.Equal(new GrainStateRecord(winner.Json, winner.ETag!), await storage.ReadAsync(Key()));
    }

    [Fact]
    public async Task GrainTypeAndStateNameArePartOfTheKey()
    {
        var storage = Storage();
        var otherType = new GrainStateKey(new GrainId(GrainType + "-other", "k"), "state");
        var mine = await storage.WriteAsync(Key(), "mine", null);
        var theirs = await storage.WriteAsync(otherType, "theirs", null);
        var otherState = await storage.WriteAsync(Key(state: "second"), "second", null);

        Assert.Equal(new GrainStateRecord("mine", mine), await storage.ReadAsync(Key()));
        Assert.Equal(new GrainStateRecord("theirs", theirs), await storage.ReadAsync(otherType));
        Assert.Equal(new GrainStateRecord("second", otherState), await storage.ReadAsync(Key(state: "second")));
        await storage.ClearAsync(otherType, theirs);
        Assert.Equal(new GrainStateRecord("mine", mine), await storage.ReadAsync(Key()));
    }

    [Fact]
    public async Task LargePayloadRoundTrips()
    {
        var storage = Storage();
        var builder = new StringBuilder("[");
        for (var i = 0; i < 200_000; i++)
        {
            builder.Append(i).Append(',');
        }

        var json = builder.Append("0]").ToString();
        Assert.True(json.Length > 1_000_000);
        var eTag = await storage.WriteAsync(Key(), json, null);
        Assert.Equal(new GrainStateRecord(json, eTag), await storage.ReadAsync(Key()));
    }

    [Fact]
    public async Task UnicodeKeysAndPayloadsRoundTripExactly()
    {
        var storage = Storage();
        var key = new GrainStateKey(new GrainId(GrainType + "-Grüße", "キー/🔑"), "état");
        const string json = """{"text":"naïve café, 日本語, emoji 🧪🚀, combining e\u0301, quote \" backslash \\ tab \t"}""";
        var eTag = await storage.WriteAsync(key, json, null);
        Assert.Equal(new GrainStateRecord(json, eTag), await storage.ReadAsync(key));
        Assert.Null(await storage.ReadAsync(new GrainStateKey(new GrainId(GrainType + "-Grusse", "キー/🔑"), "état")));
    }

    [Fact]
    public async Task StateSurvivesANewProviderInstance()
    {
        var eTag = await Storage().WriteAsync(Key(), "durable", null);
        ForgetProcessState();

        var reopened = Storage();
        Assert.Equal(new GrainStateRecord("durable", eTag), await reopened.ReadAsync(Key()));
        var next = await reopened.WriteAsync(Key(), "after reopen", eTag);
        Assert.NotEqual(eTag, next);
    }

    [Fact]
    public async Task RemindersUpsertReadAndRemoveWithEtags()
    {
        var table = Reminders();
        var grain = new GrainId(GrainType, "campaign-1");
        var startAt = new DateTimeOffset(2026, 11, 22, 10, 30, 15, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        var entry = new ReminderEntry(grain, "step", startAt, TimeSpan.FromSeconds(90));

        Assert.Null(await table.ReadAsync(grain, "step"));
        var first = await table.UpsertAsync(entry);
        var read = await table.ReadAsync(grain, "step");
        Assert.Equal(entry with { ETag = first }, read);
        Assert.Equal(startAt.UtcTicks, read!.StartAt.UtcTicks);

        var second = await table.UpsertAsync(entry with { Period = TimeSpan.FromMinutes(5) });
        Assert.NotEqual(first, second);
        Assert.Equal(TimeSpan.FromMinutes(5), (await table.ReadAsync(grain, "step"))!.Period);

        Assert.False(await table.RemoveAsync(grain, "step", first));
        Assert.NotNull(await table.ReadAsync(grain, "step"));
        Assert.True(await table.RemoveAsync(grain, "step", second));
        Assert.Null(await table.ReadAsync(grain, "step"));
        Assert.False(await table.RemoveAsync(grain, "step", second));
    }

    [Fact]
    public async Task ReadAllReturnsEveryReminderAndTheySurviveANewInstance()
    {
        var table = Reminders();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var expected = new List<ReminderEntry>();
        foreach (var (key, name) in new[] { ("a", "tick"), ("a", "tock"), ("b", "tick") })
        {
            var entry = new ReminderEntry(new GrainId(GrainType, key), name, start.AddMinutes(expected.Count), TimeSpan.FromSeconds(expected.Count + 1));
            expected.Add(entry with { ETag = await table.UpsertAsync(entry) });
        }

        ForgetProcessState();
        var all = await Reminders().ReadAllAsync();
        var mine = all.Where(e => e.Grain.Type == GrainType).OrderBy(e => e.Grain.Key).ThenBy(e => e.Name);
        Assert.Equal(expected, mine);
    }
}
