using Rlvr.TestKit;

namespace Rlvr.Integration.Tests.Cluster;

/// <summary>
/// What a test's clusters need: Azurite (grain state, reminders and checkpoints), Redis (membership), a temporary root
/// whose warm-start cache every silo shares, and the RLVR_ settings of each silo. Each test's cluster has its own service
/// and cluster id and checkpoint container, so clusters do not see each other.
/// </summary>
public class ClusterServices : IAsyncLifetime
{
    private AzuriteServer? _azurite;
    private RedisServer? _redis;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "rlvr-cluster-" + Guid.NewGuid().ToString("N"));

    public string AzureConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite has not started.");

    public virtual async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _redis = await RedisServer.StartAsync();
        Directory.CreateDirectory(Path.Combine(Root, "warm-start"));
    }

    /// <summary>
    /// The RLVR_ settings of a silo named <paramref name="silo"/> in the cluster of <paramref name="run"/>, with Redis
    /// membership, or Azure Table membership (on Azurite) when <paramref name="membership"/> says "Azure", and Orleans'
    /// message size limit lowered to <paramref name="maxMessageBodySize"/> bytes when given.
    /// </summary>
    public IReadOnlyDictionary<string, string> Silo(
        string run, string silo, string role, string? killPoint = null, string membership = "Redis", int? maxMessageBodySize = null)
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
        if (maxMessageBodySize is { } limit)
        {
            settings["RLVR_Silo__MaxMessageBodySize"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
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

    /// <summary>Azure storage (on Azurite) under the service id and checkpoint container of <paramref name="run"/>.</summary>
    protected Dictionary<string, string> Storage(string run) => new()
    {
        ["RLVR_Storage__Provider"] = "Azure",
        ["RLVR_Storage__Checkpoints"] = "Azure",
        ["RLVR_Storage__ConnectionString"] = AzureConnectionString,
        ["RLVR_Storage__CheckpointContainer"] = Container(run),
        ["RLVR_Silo__ServiceId"] = run,
    };
}
