using System.Text;
using Orleans.Providers;
using Orleans.Storage;
using Rlvr.Storage.Resilience;
using Rlvr.Storage.Tests.Fixtures;

namespace Rlvr.Storage.Tests.GrainStorage;

/// <summary>
/// What every Orleans grain storage of the project must do, run on each backend through the provider a silo resolves
/// (the retry decorator over the backend). Grain types are unique to each test, so tests sharing a database stay apart.
/// Conflicts may be subclasses of <see cref="InconsistentStateException"/> (Orleans' Azure Table storage throws one).
/// </summary>
public abstract class GrainStorageConformanceTests : IAsyncLifetime
{
    private readonly string _grainType = "conformance" + Guid.NewGuid().ToString("N");

    protected IGrainStorage Storage { get; private set; } = null!;

    /// <summary>The characters of the large state: as much as the backend promises to hold.</summary>
    protected virtual int LargeStateLength => 4_000_000;

    protected abstract Task<ProviderSilo> SiloAsync();

    public async Task InitializeAsync() => Storage = (await SiloAsync()).GrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    public Task DisposeAsync() => Task.CompletedTask;

    private GrainId Grain(string key = "k", string? type = null) => GrainId.Create(type ?? _grainType, key);

    private async Task<GrainState<T>> ReadAsync<T>(GrainId grain, string stateName = "state", T? initial = default)
    {
        var state = new GrainState<T>(initial);
        await Storage.ReadStateAsync(stateName, grain, state);
        return state;
    }

    private async Task<string> WriteAsync<T>(GrainId grain, T value, string? eTag, string stateName = "state")
    {
        var state = new GrainState<T>(value, eTag);
        await Storage.WriteStateAsync(stateName, grain, state);
        Assert.True(state.RecordExists);
        Assert.NotNull(state.ETag);
        return state.ETag;
    }

    [Fact]
    public async Task TheProviderIsTheRetryDecoratorAndAlsoTheDefaultOne()
    {
        var silo = await SiloAsync();
        Assert.IsType<ResilientGrainStorage>(Storage);
        Assert.Same(Storage, silo.Services.GetService(typeof(IGrainStorage)));
    }

    [Fact]
    public async Task AMissingRecordReadsAsAFreshStateWithoutETag()
    {
        var given = new CounterState { Step = 99, Note = "left over" };
        var state = new GrainState<CounterState>(given, "stale") { RecordExists = true };

        await Storage.ReadStateAsync("state", Grain(), state);

        Assert.NotNull(state.State);
        Assert.NotSame(given, state.State);
        Assert.Equal((0, ""), (state.State.Step, state.State.Note));
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task AWrittenStateReadsBackWithItsETag()
    {
        var eTag = await WriteAsync(Grain(), new CounterState { Step = 7, Note = "naïve 日本語 🧪", Values = [3, 1, 2] }, null);

        var read = await ReadAsync<CounterState>(Grain());

        Assert.True(read.RecordExists);
        Assert.Equal(eTag, read.ETag);
        Assert.Equal((7, "naïve 日本語 🧪"), (read.State!.Step, read.State.Note));
        Assert.Equal([3, 1, 2], read.State.Values);
    }

    [Fact]
    public async Task RecordsWithEnumsAndInitOnlyPropertiesRoundTrip()
    {
        var snapshot = new CampaignSnapshot("c-1", Phase.Paused, 5_000_000_000) { Tags = ["a", "b"] };
        await WriteAsync(Grain(), snapshot, null);

        var read = await ReadAsync<CampaignSnapshot>(Grain());

        Assert.Equal(snapshot with { Tags = read.State!.Tags }, read.State);
        Assert.Equal(["a", "b"], read.State.Tags);
    }

    [Fact]
    public async Task AStaleETagIsRefusedAndChangesNothing()
    {
        var first = await WriteAsync(Grain(), new CounterState { Step = 1 }, null);
        var second = await WriteAsync(Grain(), new CounterState { Step = 2 }, first);
        Assert.NotEqual(first, second);

        var stale = new GrainState<CounterState>(new CounterState { Step = 3 }, first);
        var error = await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", Grain(), stale));

        Assert.Equal(first, stale.ETag);
        Assert.Equal(first, error.CurrentEtag);
        var read = await ReadAsync<CounterState>(Grain());
        Assert.Equal((2, second), (read.State!.Step, read.ETag));
    }

    [Fact]
    public async Task AFirstWriteOverAnExistingRecordIsRefused()
    {
        var eTag = await WriteAsync(Grain(), new CounterState { Step = 1 }, null);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => WriteAsync(Grain(), new CounterState { Step = 2 }, null));
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => WriteAsync(Grain("other"), new CounterState { Step = 2 }, eTag));

        Assert.Equal(1, (await ReadAsync<CounterState>(Grain())).State!.Step);
        Assert.False((await ReadAsync<CounterState>(Grain("other"))).RecordExists);
    }

    [Fact]
    public async Task ClearChecksTheETagAndAfterwardsAFirstWriteSucceeds()
    {
        var first = await WriteAsync(Grain(), new CounterState { Step = 1 }, null);
        var second = await WriteAsync(Grain(), new CounterState { Step = 2 }, first);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() =>
            Storage.ClearStateAsync("state", Grain(), new GrainState<CounterState>(new CounterState(), first)));
        Assert.Equal(2, (await ReadAsync<CounterState>(Grain())).State!.Step);

        var clearing = new GrainState<CounterState>(new CounterState { Step = 2 }, second) { RecordExists = true };
        await Storage.ClearStateAsync("state", Grain(), clearing);
        Assert.False(clearing.RecordExists);
        Assert.Null(clearing.ETag);
        Assert.Equal(0, clearing.State!.Step);
        Assert.False((await ReadAsync<CounterState>(Grain())).RecordExists);

        var third = await WriteAsync(Grain(), new CounterState { Step = 3 }, null);
        Assert.NotEqual(second, third);
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => WriteAsync(Grain(), new CounterState { Step = 4 }, second));
        Assert.Equal((3, third), ((await ReadAsync<CounterState>(Grain())).State!.Step, (await ReadAsync<CounterState>(Grain())).ETag));
    }

    [Fact]
    public async Task StateNamesAndGrainTypesWithTheSameKeyAreSeparateRecords()
    {
        var otherType = Grain(type: _grainType + "other");
        var mine = await WriteAsync(Grain(), new CounterState { Step = 1 }, null);
        await WriteAsync(otherType, new CounterState { Step = 2 }, null);
        await WriteAsync(Grain(), new CounterState { Step = 3 }, null, stateName: "second");

        Assert.Equal(1, (await ReadAsync<CounterState>(Grain())).State!.Step);
        Assert.Equal(2, (await ReadAsync<CounterState>(otherType)).State!.Step);
        Assert.Equal(3, (await ReadAsync<CounterState>(Grain(), "second")).State!.Step);

        var otherRead = await ReadAsync<CounterState>(otherType);
        await Storage.ClearStateAsync("state", otherType, otherRead);
        var read = await ReadAsync<CounterState>(Grain());
        Assert.Equal((1, mine), (read.State!.Step, read.ETag));
        Assert.True((await ReadAsync<CounterState>(Grain(), "second")).RecordExists);
    }

    [Fact]
    public async Task ALargeStateRoundTrips()
    {
        var note = new StringBuilder(LargeStateLength);
        var random = new Random(5);
        while (note.Length < LargeStateLength)
        {
            note.Append((char)('a' + random.Next(26)));
        }

        var large = new CounterState { Note = note.ToString(), Values = [.. Enumerable.Range(0, 1000)] };
        var eTag = await WriteAsync(Grain(), large, null);

        var read = await ReadAsync<CounterState>(Grain());
        Assert.Equal(eTag, read.ETag);
        Assert.Equal(large.Note, read.State!.Note);
        Assert.Equal(large.Values, read.State.Values);
    }

    [Fact]
    public async Task OfConcurrentWritersWithTheSameETagExactlyOneWins()
    {
        var eTag = await WriteAsync(Grain(), new CounterState(), null);
        var writers = Enumerable.Range(1, 6).Select(i => Task.Run(async () =>
        {
            try
            {
                return (Step: i, ETag: (string?)await WriteAsync(Grain(), new CounterState { Step = i }, eTag));
            }
            catch (InconsistentStateException)
            {
                return (Step: i, ETag: null);
            }
        }));

        var winner = Assert.Single(await Task.WhenAll(writers), r => r.ETag is not null);
        var read = await ReadAsync<CounterState>(Grain());
        Assert.Equal((winner.Step, winner.ETag), (read.State!.Step, read.ETag));
    }
}
