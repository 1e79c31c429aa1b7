using Rlvr.TestKit;

namespace Rlvr.Integration.Tests;

/// <summary>
/// The crash tests' campaign on Azure Storage (Azurite, started for this fixture): grain state and reminders in Azure
/// Tables, checkpoints in Azure Blob. Each run gets a service id and a checkpoint container of its own, so runs of the
/// same campaign id do not see each other. The reference is the campaign trained without interruption.
/// </summary>
public sealed class AzureCrashResumeFixture : IAsyncLifetime
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    private AzuriteServer? _azurite;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "rlvr-azure-crash-" + Guid.NewGuid().ToString("N"));

    public string CampaignFile => Path.Combine(Root, "resume.yaml");

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite has not started.");

    internal CampaignOutcome Reference { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        Directory.CreateDirectory(Path.Combine(Root, "warm-start"));
        await File.WriteAllTextAsync(CampaignFile, ResumeCampaign.Yaml);
        var data = NewDataDirectory("reference");
        using var run = RlvrProcess.Start(CampaignFile, data, environment: Environment("reference"));
        var exit = await run.WaitForExit(RunTimeout);
        Assert.True(exit == 0, $"the reference run failed ({exit}):\n{run.Output}");
        Reference = await CampaignOutcome.ReadAzureAsync(ConnectionString, Container("reference"), "reference");
    }

    /// <summary>The RLVR_ settings of one run: Azure for state, reminders and checkpoints, isolated by <paramref name="run"/>.</summary>
    public IReadOnlyDictionary<string, string> Environment(string run) => new Dictionary<string, string>
    {
        ["RLVR_Storage__Provider"] = "Azure",
        ["RLVR_Storage__Checkpoints"] = "Azure",
        ["RLVR_Storage__ConnectionString"] = ConnectionString,
        ["RLVR_Storage__CheckpointContainer"] = Container(run),
        ["RLVR_Silo__ServiceId"] = run,
    };

    /// <summary>A valid container name (lowercase letters, digits and hyphens) for <paramref name="run"/>.</summary>
    public static string Container(string run) =>
        "ckpt-" + new string([.. run.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);

    /// <summary>A fresh data directory (logs only: storage is in Azurite) whose warm-start cache is the shared one.</summary>
    public string NewDataDirectory(string name) => WarmStartSharingDirectory.Create(Root, name);

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
        Directory.Delete(Root, recursive: true);
    }
}
