using System.Text;
using Rlvr.Storage.Logs;

namespace Rlvr.Storage.Tests.Logs;

/// <summary>Each test gets its own temporary directory; the files read as JSON lines, and a torn last line is cut off.</summary>
public sealed class LocalRecordLogStoreConformanceTests : RecordLogStoreConformanceTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rlvr-logs-").FullName;

    protected override IRecordLogStore OpenStore() => new LocalRecordLogStore(_directory);

    [Fact]
    public async Task TheLogIsAFileOfLinesWhoseTornLastLineIsCutOffWhenOpened()
    {
        using (var store = new LocalRecordLogStore(_directory))
        {
            await store.AppendAsync(Owner, "metrics.jsonl", 0, "{\"step\":1}"u8.ToArray());
            await store.AppendAsync(Owner, "metrics.jsonl", 1, "{\"step\":2}"u8.ToArray());
        }
        var path = Path.Combine(_directory, Owner, "metrics.jsonl");
        Assert.Equal(["{\"step\":1}", "{\"step\":2}"], await File.ReadAllLinesAsync(path));
        await File.AppendAllTextAsync(path, "{\"step\":3,\"rew");

        using var reopened = new LocalRecordLogStore(_directory);
        Assert.Equal(2, (await reopened.ReadAsync(Owner, "metrics.jsonl", 0)).Count);
        await reopened.AppendAsync(Owner, "metrics.jsonl", 2, "{\"step\":3}"u8.ToArray());
        Assert.Equal("{\"step\":1}\n{\"step\":2}\n{\"step\":3}\n", await File.ReadAllTextAsync(path, Encoding.UTF8));
    }

    [Fact]
    public async Task DeletingAnOwnersLastLogRemovesItsDirectory()
    {
        using var store = new LocalRecordLogStore(_directory);
        await store.AppendAsync(Owner, "metrics.jsonl", 0, "{}"u8.ToArray());
        await store.AppendAsync(Owner, "evaluations.jsonl", 0, "{}"u8.ToArray());

        await store.DeleteAsync(Owner, "metrics.jsonl");
        Assert.Equal(["evaluations.jsonl"], Directory.GetFiles(Path.Combine(_directory, Owner)).Select(Path.GetFileName));
        await store.DeleteAsync(Owner, "evaluations.jsonl");

        Assert.False(Directory.Exists(Path.Combine(_directory, Owner)));
        await store.AppendAsync(Owner, "metrics.jsonl", 0, "{}"u8.ToArray());
        Assert.True(File.Exists(Path.Combine(_directory, Owner, "metrics.jsonl")));
    }

    [Fact]
    public async Task ARecordWithANewlineOrAPathForAnOwnerIsRefused()
    {
        using var store = new LocalRecordLogStore(_directory);
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(Owner, "metrics.jsonl", 0, "a\nb"u8.ToArray()));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ReadAsync("../elsewhere", "metrics.jsonl", 0));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
