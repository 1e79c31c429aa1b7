namespace Rlvr.Integration.Tests;

/// <summary>
/// A temporary root with the crash tests' campaign file, a warm-start cache every run shares, and the outcome of the
/// campaign trained from start to end without interruption: the reference every crashed-and-resumed run must equal.
/// </summary>
public class CrashResumeFixture : IAsyncLifetime
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "rlvr-crash-" + Guid.NewGuid().ToString("N"));

    public string CampaignFile => Path.Combine(Root, "resume.yaml");

    internal CampaignOutcome Reference { get; private set; } = null!;

    /// <summary>The id `rlvr run` gives the campaign: the file's name and the configuration's hash.</summary>
    public string CampaignId { get; private set; } = null!;

    /// <summary>The campaign the tests crash and resume.</summary>
    protected virtual string Yaml => ResumeCampaign.Yaml;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(Root, "warm-start"));
        await File.WriteAllTextAsync(CampaignFile, Yaml);
        var data = NewDataDirectory("reference");
        using var run = RlvrProcess.Start(CampaignFile, data);
        var exit = await run.WaitForExit(RunTimeout);
        Assert.True(exit == 0, $"the reference run failed ({exit}):\n{run.Output}");
        Reference = CampaignOutcome.Read(data);
        CampaignId = Path.GetFileName(CampaignOutcome.CampaignCheckpointDirectories(data).Single());
    }

    /// <summary>A fresh data directory whose warm-start cache is the shared one.</summary>
    public string NewDataDirectory(string name) => WarmStartSharingDirectory.Create(Root, name);

    /// <summary>Runs the campaign in <paramref name="data"/> until <paramref name="killPoint"/>, where it is killed with kill -9.</summary>
    public async Task KillAt(string data, string killPoint)
    {
        using var crashed = RlvrProcess.Start(CampaignFile, data, killPoint);
        await crashed.KillAtKillPoint(RunTimeout);
    }

    /// <summary>Restarts the campaign in <paramref name="data"/> and runs it to its end; returns the process's output.</summary>
    public async Task<string> RunToTheEnd(string data)
    {
        using var resumed = RlvrProcess.Start(CampaignFile, data);
        var exit = await resumed.WaitForExit(RunTimeout);
        Assert.True(exit == 0, $"the restarted run failed ({exit}):\n{resumed.Output}");
        return resumed.Output;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
