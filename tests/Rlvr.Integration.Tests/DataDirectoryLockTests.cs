namespace Rlvr.Integration.Tests;

/// <summary>One silo per data directory: a second `rlvr` on it is refused while the first lives, and kill -9 of the first frees it.</summary>
public sealed class DataDirectoryLockTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private readonly string _root = Directory.CreateTempSubdirectory("rlvr-lock-").FullName;

    [Fact]
    public async Task ASecondProcessOnTheSameDataDirectoryIsRefusedUntilTheFirstDies()
    {
        var campaign = Path.Combine(_root, "resume.yaml");
        await File.WriteAllTextAsync(campaign, ResumeCampaign.Yaml);
        var data = Path.Combine(_root, "data");

        using var first = RlvrProcess.Start(campaign, data, killPoint: "step-start:2");
        await first.WaitForKillPoint(Timeout);

        using (var second = RlvrProcess.Start(campaign, data))
        {
            Assert.Equal(2, await second.WaitForExit(Timeout));
            Assert.Contains("in use by another silo", second.Output, StringComparison.Ordinal);
        }

        first.Kill();
        using var third = RlvrProcess.Start(campaign, data);
        var exit = await third.WaitForExit(Timeout);
        Assert.True(exit == 0, $"the run after the kill failed ({exit}):\n{third.Output}");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
