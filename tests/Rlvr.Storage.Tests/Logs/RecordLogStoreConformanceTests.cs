using System.Text;
using Rlvr.Storage.Logs;

namespace Rlvr.Storage.Tests.Logs;

/// <summary>
/// The behaviour every record-log store must show, run against each one. Owners carry a suffix unique to the test, so
/// stores whose database outlives one test stay isolated; each step opens a new store over the same storage, as a
/// campaign that moved to another silo would.
/// </summary>
public abstract class RecordLogStoreConformanceTests : IAsyncLifetime
{
    private const string Log = "metrics.jsonl";

    private readonly List<IRecordLogStore> _stores = [];

    protected string Owner { get; } = "conformance-" + Guid.NewGuid().ToString("N");

    /// <summary>A new store instance over the test's directory or database (the same one each call).</summary>
    protected abstract IRecordLogStore OpenStore();

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            switch (store)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    [Fact]
    public async Task RecordsAppendedInOrderReadBackInOrderFromAnyPosition()
    {
        var store = Store();
        for (var i = 0; i < 5; i++)
        {
            await store.AppendAsync(Owner, Log, i, Record(i));
        }

        Assert.Equal(Texts(0, 5), Texts(await Store().ReadAsync(Owner, Log, 0)));
        Assert.Equal(Texts(3, 5), Texts(await Store().ReadAsync(Owner, Log, 3)));
        Assert.Empty(await Store().ReadAsync(Owner, Log, 5));
        Assert.Empty(await Store().ReadAsync(Owner, "never-written.jsonl", 0));
    }

    [Fact]
    public async Task TruncatingDropsTheRecordsFromALengthAndAppendsGoOnFromThere()
    {
        var store = Store();
        for (var i = 0; i < 6; i++)
        {
            await store.AppendAsync(Owner, Log, i, Record(i));
        }

        await Store().TruncateAsync(Owner, Log, 2);
        await Store().TruncateAsync(Owner, Log, 4); // past the end: nothing
        await Store().AppendAsync(Owner, Log, 2, Record(20));

        Assert.Equal(["record 0", "record 1", "record 20"], Texts(await Store().ReadAsync(Owner, Log, 0)));
    }

    [Fact]
    public async Task ADeletedLogReadsEmptyIsWrittenAgainFromZeroAndLeavesTheOwnersOtherLogs()
    {
        var store = Store();
        for (var i = 0; i < 3; i++)
        {
            await store.AppendAsync(Owner, Log, i, Record(i));
        }
        await store.AppendAsync(Owner, "other.jsonl", 0, Record(7));

        await store.DeleteAsync(Owner, Log);
        await store.DeleteAsync(Owner, Log); // a retried delete: nothing left to delete
        await store.DeleteAsync(Owner, "never-written.jsonl");

        Assert.Empty(await store.ReadAsync(Owner, Log, 0));
        Assert.Empty(await Store().ReadAsync(Owner, Log, 0));
        Assert.Equal(["record 7"], Texts(await Store().ReadAsync(Owner, "other.jsonl", 0)));
        await store.AppendAsync(Owner, Log, 0, Record(10));
        Assert.Equal(["record 10"], Texts(await Store().ReadAsync(Owner, Log, 0)));
    }

    [Fact]
    public async Task WritingAtAnEarlierPositionReplacesItAndDropsTheRecordsAfterIt()
    {
        var store = Store();
        for (var i = 0; i < 4; i++)
        {
            await store.AppendAsync(Owner, Log, i, Record(i));
        }

        await Store().AppendAsync(Owner, Log, 3, Record(3)); // a retried append: the same log
        Assert.Equal(Texts(0, 4), Texts(await Store().ReadAsync(Owner, Log, 0)));

        await Store().AppendAsync(Owner, Log, 1, Record(10));
        Assert.Equal(["record 0", "record 10"], Texts(await Store().ReadAsync(Owner, Log, 0)));
    }

    [Fact]
    public async Task ARecordPastTheEndIsRefusedAndChangesNothing()
    {
        var store = Store();
        await store.AppendAsync(Owner, Log, 0, Record(0));

        var error = await Assert.ThrowsAsync<RecordLogGapException>(() => Store().AppendAsync(Owner, Log, 2, Record(2)));

        Assert.Contains("position 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(["record 0"], Texts(await Store().ReadAsync(Owner, Log, 0)));
    }

    [Fact]
    public async Task LogsOfOtherOwnersAndNamesAreApart()
    {
        var store = Store();
        await store.AppendAsync(Owner, Log, 0, Record(1));
        await store.AppendAsync(Owner, "evaluations.jsonl", 0, Record(2));
        await store.AppendAsync(Owner + "-other", Log, 0, Record(3));

        await store.TruncateAsync(Owner + "-other", Log, 0);

        Assert.Equal(["record 1"], Texts(await Store().ReadAsync(Owner, Log, 0)));
        Assert.Equal(["record 2"], Texts(await Store().ReadAsync(Owner, "evaluations.jsonl", 0)));
        Assert.Empty(await Store().ReadAsync(Owner + "-other", Log, 0));
    }

    [Fact]
    public async Task ALargeRecordReadsBackWhole()
    {
        var large = Encoding.UTF8.GetBytes("{\"x\":\"" + new string('a', 200_000) + "\"}");

        await Store().AppendAsync(Owner, Log, 0, large);

        Assert.Equal(large, (await Store().ReadAsync(Owner, Log, 0)).Single());
    }

    private IRecordLogStore Store()
    {
        var store = OpenStore();
        _stores.Add(store);
        return store;
    }

    private static byte[] Record(int i) => Encoding.UTF8.GetBytes($"record {i}");

    private static List<string> Texts(int from, int to) => Enumerable.Range(from, to - from).Select(i => $"record {i}").ToList();

    private static List<string> Texts(IReadOnlyList<byte[]> records) => records.Select(r => Encoding.UTF8.GetString(r)).ToList();
}
