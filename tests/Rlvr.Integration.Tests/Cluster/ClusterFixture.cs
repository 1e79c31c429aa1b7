using Rlvr.TestKit;

namespace Rlvr.Integration.Tests.Cluster;

/// <summary>
/// What the cluster tests share: Azurite (grain state, reminders and checkpoints) and Redis (membership), and the
/// reference: the cluster campaign trained without interruption by `rlvr run`, one silo, on the same Azure storage
/// (run once, by the first test that asks for it). Each
/// test's cluster has its own service and cluster id and checkpoint container, so clusters do not see each other.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>
    /// The crash tests' campaign, longer (a rejoining silo must find steps left to take), in three rollout batches, one
    /// per silo, with prompts enough for three batches after the replayed half of the batch.
    /// </summary>
    public static readonly string Yaml = ResumeCampaign.Yaml
        .Replace("steps: 6\n", "steps: 30\nrollout_batches: 3\n", StringComparison.Ordinal)
        .Replace("prompts_per_step: 4\n", "prompts_per_step: 6\n", StringComparison.Ordinal);

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    private AzuriteServer? _azurite;
    private RedisServer? _redis;
    private Task<CampaignOutcome>? _reference;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "rlvr-cluster-" + Guid.NewGuid().ToString("N"));

    public string AzureConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _redis = await RedisServer.StartAsync();
        Directory.CreateDirectory(Path.Combine(Root, "warm-start"));
    }

    internal Task<CampaignOutcome> Reference() => _reference ??= RunReference();

    private async Task<CampaignOutcome> RunReference()
    {
        var file = Path.Combine(Root, "cluster.yaml");
        await File.WriteAllTextAsync(file, Yaml);
        var data = NewDataDirectory("reference");
        var storage = Storage("reference");
        using var run = RlvrProcess.Start(file, data, environment: storage);
        var exit = await run.WaitForExit(RunTimeout);
        Assert.True(exit == 0, $"the reference run failed ({exit}):\n{run.Output}");
        return await CampaignOutcome.ReadAzureAsync(AzureConnectionString, storage["RLVR_Storage__CheckpointContainer"], "reference");
    }

    /// <summary>
    /// The RLVR_ settings of a silo named <paramref name="silo"/> in the cluster of <paramref name="run"/>, with Redis
    /// membership, or Azure Table membership (on Azurite) when <paramref name="membership"/> says "Azure".
    /// </summary>
    public IReadOnlyDictionary<string, string> Silo(string run, string silo, string role, string? killPoint = null, string membership = "Redis")
    {
        var settings = new Dictionary<string, string>(Storage(run))
        {
            ["RLVR_Silo__Membership"] = membership,
            ["RLVR_Silo__MembershipConnectionString"] = membership == "Azure" ? AzureConnectionString : _redis!.ConnectionString,
            ["RLVR_Silo__ClusterId"] = run,
            ["RLVR_Silo__SiloName"] = silo,
            ["RLVR_Silo__Role"] = role,
        };
        if (killPoint is not null)
        {
            settings["RLVR_KILL_POINT"] = killPoint;
        }
        return settings;
    }

    /// <summary>A fresh data directory (logs only: state is in Azurite) whose warm-start cache is the shared one.</summary>
    public string NewDataDirectory(string name) => WarmStartSharingDirectory.Create(Root, name);

    public static string Container(string run) => AzureCrashResumeFixture.Container("cluster-" + run);

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
        Directory.Delete(Root, recursive: true);
    }

    private Dictionary<string, string> Storage(string run) => new()
    {
        ["RLVR_Storage__Provider"] = "Azure",
        ["RLVR_Storage__Checkpoints"] = "Azure",
        ["RLVR_Storage__ConnectionString"] = AzureConnectionString,
        ["RLVR_Storage__CheckpointContainer"] = Container(run),
        ["RLVR_Silo__ServiceId"] = run,
    };
}
