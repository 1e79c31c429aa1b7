using Rlvr.Storage.Resilience;
using Rlvr.Storage.Tests.Fixtures;

namespace Rlvr.Storage.Tests.Reminders;

/// <summary>
/// What every Orleans reminder table of the project must do, run on each backend through the table a silo resolves.
/// Grain types are unique to each test and results are filtered by them, since a table is shared. Start times lie far
/// ahead so that the silo's own reminder service never fires the rows.
/// </summary>
public abstract class ReminderTableConformanceTests : IAsyncLifetime
{
    private static readonly DateTime FarAhead = new(2099, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc);

    private readonly string _grainType = "reminders" + Guid.NewGuid().ToString("N");

    protected IReminderTable Table { get; private set; } = null!;

    protected abstract Task<ProviderSilo> SiloAsync();

    public async Task InitializeAsync() => Table = (await SiloAsync()).ReminderTable;

    public Task DisposeAsync() => Task.CompletedTask;

    private GrainId Grain(string key) => GrainId.Create(_grainType, key);

    private static ReminderEntry Entry(GrainId grain, string name, int minutes = 1) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = FarAhead.AddMinutes(minutes),
        Period = TimeSpan.FromMinutes(minutes),
    };

    private IEnumerable<(string Key, string Name)> Mine(ReminderTableData data) =>
        data.Reminders.Where(r => r.GrainId.Type.ToString() == _grainType)
            .Select(r => (r.GrainId.Key.ToString()!, r.ReminderName)).Order();

    [Fact]
    public async Task TheTableIsTheRetryDecorator()
    {
        Assert.IsType<ResilientReminderTable>(Table);
        Assert.NotNull(await SiloAsync());
    }

    [Fact]
    public async Task AnUpsertedRowReadsBackWithItsETag()
    {
        var grain = Grain("a");
        Assert.Null(await Table.ReadRow(grain, "watchdog"));

        var eTag = await Table.UpsertRow(Entry(grain, "watchdog", minutes: 3));
        var read = await Table.ReadRow(grain, "watchdog");

        Assert.NotNull(read);
        Assert.Equal((grain, "watchdog", eTag), (read.GrainId, read.ReminderName, read.ETag));
        Assert.Equal(FarAhead.AddMinutes(3), read.StartAt.ToUniversalTime());
        Assert.Equal(TimeSpan.FromMinutes(3), read.Period);
    }

    [Fact]
    public async Task AnUpsertReplacesTheRowWithANewETag()
    {
        var grain = Grain("a");
        var first = await Table.UpsertRow(Entry(grain, "watchdog", minutes: 1));
        var second = await Table.UpsertRow(Entry(grain, "watchdog", minutes: 5));

        Assert.NotEqual(first, second);
        var read = await Table.ReadRow(grain, "watchdog");
        Assert.Equal((second, TimeSpan.FromMinutes(5)), (read!.ETag, read.Period));
        Assert.Single(Mine(await Table.ReadRows(grain)));
    }

    [Fact]
    public async Task RemoveNeedsTheCurrentETag()
    {
        var grain = Grain("a");
        var first = await Table.UpsertRow(Entry(grain, "watchdog"));
        var second = await Table.UpsertRow(Entry(grain, "watchdog"));

        Assert.False(await Table.RemoveRow(grain, "watchdog", first!));
        Assert.Equal(second, (await Table.ReadRow(grain, "watchdog"))?.ETag);

        Assert.True(await Table.RemoveRow(grain, "watchdog", second!));
        Assert.Null(await Table.ReadRow(grain, "watchdog"));
        Assert.False(await Table.RemoveRow(grain, "watchdog", second!));
    }

    [Fact]
    public async Task ReadRowsOfAGrainReturnsItsRowsOnly()
    {
        await Table.UpsertRow(Entry(Grain("a"), "tick"));
        await Table.UpsertRow(Entry(Grain("a"), "tock"));
        await Table.UpsertRow(Entry(Grain("b"), "tick"));

        Assert.Equal([("a", "tick"), ("a", "tock")], Mine(await Table.ReadRows(Grain("a"))));
        Assert.Equal([("b", "tick")], Mine(await Table.ReadRows(Grain("b"))));
        Assert.Empty(Mine(await Table.ReadRows(Grain("c"))));
    }

    [Fact]
    public async Task ReadRowsOfARangeTakesTheHashesAboveBeginUpToEndAndWrapsWhenBeginIsNotBelowEnd()
    {
        // Three grains ordered by their uniform hash: low < middle < high.
        var grains = Enumerable.Range(0, 3).Select(i => Grain($"g{i}")).OrderBy(g => g.GetUniformHashCode()).ToArray();
        foreach (var grain in grains)
        {
            await Table.UpsertRow(Entry(grain, "r"));
        }

        var (low, middle, high) = (grains[0], grains[1], grains[2]);
        uint Hash(GrainId grain) => grain.GetUniformHashCode();
        string Key(GrainId grain) => grain.Key.ToString()!;

        // (low, high]: middle and high, not low itself.
        Assert.Equal(new[] { Key(middle), Key(high) }.Order(), Mine(await Table.ReadRows(Hash(low), Hash(high))).Select(r => r.Key));
        // (middle, low] wraps: high, then past uint.MaxValue round to low.
        Assert.Equal(new[] { Key(low), Key(high) }.Order(), Mine(await Table.ReadRows(Hash(middle), Hash(low))).Select(r => r.Key));
        // begin == end is the whole ring.
        Assert.Equal(3, Mine(await Table.ReadRows(Hash(middle), Hash(middle))).Count());
        // (low, middle]: middle only.
        Assert.Equal([Key(middle)], Mine(await Table.ReadRows(Hash(low), Hash(middle))).Select(r => r.Key));
    }
}
