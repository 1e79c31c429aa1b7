using Rlvr.Grains.Contracts;
using Rlvr.Grains.External;

namespace Rlvr.Grains.Tests.External;

public sealed class TrainerLeaseBookTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(5);

    private static TrainerLeaseBook Book(params string[] prompts) =>
        new(TrainerLeaseBook.Open("s3-r0", prompts), leasePrompts: 2, LeaseTime);

    [Fact]
    public void PromptsGoOutInLeasesOfAtMostTheLeaseSizeEachToOneTrainer()
    {
        var book = Book("a", "b", "c", "a", "d", "e");

        var first = book.Serve("t1", Start)!;
        var second = book.Serve("t2", Start)!;
        var third = book.Serve("t3", Start)!;

        // A prompt drawn twice in a round is one prompt; no prompt is in two live leases.
        Assert.Equal([["a", "b"], ["c", "d"], ["e"]], new[] { first, second, third }.Select(l => l.PromptIds));
        Assert.Equal(["s3-r0-1", "s3-r0-2", "s3-r0-3"], new[] { first, second, third }.Select(l => l.Id));
        Assert.Equal(("t2", Start + LeaseTime), (second.Trainer, second.ExpiresUtc));
        Assert.Null(book.Serve("t4", Start));
    }

    [Fact]
    public void AnExpiredLeasesUnreportedPromptsGoOutAgainUnderANewIdAndTheOldIdIsGone()
    {
        var book = Book("a", "b", "c");
        var lease = book.Serve("t1", Start)!;
        book.Record(book.Check(lease.Id, "groups", ["a"]));
        Assert.Equal("c", Assert.Single(book.Serve("t2", Start)!.PromptIds));

        // Not expired yet: nothing to serve. Expired: only the unreported prompt goes out again.
        Assert.Null(book.Serve("t3", Start + LeaseTime - TimeSpan.FromSeconds(1)));
        var again = book.Serve("t3", Start + LeaseTime)!;
        Assert.Equal(["b"], again.PromptIds);
        Assert.NotEqual(lease.Id, again.Id);

        var gone = Assert.Throws<LeaseGoneException>(() => book.Check(lease.Id, "groups", ["b"]));
        Assert.Contains(again.Id, gone.Message, StringComparison.Ordinal);
        Assert.Throws<UnknownLeaseException>(() => book.Check("s3-r0-9", "groups", ["b"]));
    }

    [Fact]
    public void ATrainerAskingAgainGetsTheLeaseItHoldsUntilItIsReportedOrExpired()
    {
        var book = Book("a", "b", "c", "d");
        var lease = book.Serve("t1", Start)!;

        // Its answer was lost, say: asking again gives the same lease, not a second one.
        Assert.Same(lease, book.Serve("t1", Start + TimeSpan.FromSeconds(1)));
        Assert.Equal(["c", "d"], book.Serve("t2", Start)!.PromptIds);
        book.Record(book.Check(lease.Id, "groups", ["a", "b"]));
        Assert.Null(book.Serve("t1", Start));
    }

    [Fact]
    public void ALateReportOnAnExpiredLeaseThatHasNotGoneOutAgainStillCounts()
    {
        var book = Book("a", "b");
        var lease = book.Serve("t1", Start)!;

        var report = book.Check(lease.Id, "groups", ["a", "b"]);
        book.Record(report);

        Assert.Equal((2, 0, 0), (report.Fresh.Count, report.Duplicates, report.Remaining));
        Assert.True(book.IsComplete);
        // Complete: an expired lease with nothing unreported is not served again.
        Assert.Null(book.Serve("t2", Start + (2 * LeaseTime)));
    }

    [Fact]
    public void AReportAgainIsADuplicateAndAPromptOutsideTheLeaseIsRefusedByItsIndex()
    {
        var book = Book("a", "b", "c", "d");
        var lease = book.Serve("t1", Start)!;
        book.Record(book.Check(lease.Id, "groups", ["a"]));

        var retry = book.Check(lease.Id, "groups", ["a", "b", "b"]);
        Assert.Equal(["b"], retry.Fresh);
        Assert.Equal((2, 0), (retry.Duplicates, retry.Remaining));
        Assert.False(book.IsComplete);

        var outside = Assert.Throws<TrainerReportException>(() => book.Check(lease.Id, "groups", ["b", "c"]));
        Assert.Equal("groups[1].promptId", outside.Field);
    }
}
