using Rlvr.Grains.Hosting;

namespace Rlvr.Grains.Tests.Learning;

public sealed class NativeCallThreadTests
{
    [Fact]
    public async Task EveryCallRunsOnTheSameThreadOfItsOwnAndFailuresComeBackAsExceptions()
    {
        var native = new NativeCallThread("test");
        var caller = Environment.CurrentManagedThreadId;

        var threads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => native.Run(() => Environment.CurrentManagedThreadId)));
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => native.Run(() => throw new InvalidOperationException("native")));

        Assert.Single(threads.Distinct());
        Assert.NotEqual(caller, threads[0]);
        Assert.Equal("native", failure.Message);
        native.Stop();
        await Assert.ThrowsAsync<InvalidOperationException>(() => native.Run(() => 1));
    }
}
