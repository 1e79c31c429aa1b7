namespace Rlvr.Integration.Tests.Cluster;

/// <summary>
/// What the cluster failover tests share: the <see cref="ClusterServices"/>, and the reference: the cluster campaign
/// trained without interruption by `rlvr run`, one silo, on the same Azure storage (run once, by the first test that
/// asks for it).
/// </summary>
public sealed class ClusterFixture : ClusterServices
{
    /// <summary>
    /// The crash tests' campaign, longer (a rejoining silo must find steps left to take), in three rollout batches, one
    /// per silo, with prompts enough for three batches after the replayed half of the batch.
    /// </summary>
    public static readonly string Yaml = ResumeCampaign.Yaml
        .Replace("steps: 6\n", "steps: 30\nrollout_batches: 3\n", StringComparison.Ordinal)
        .Replace("prompts_per_step: 4\n", "prompts_per_step: 6\n", StringComparison.Ordinal);

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    private Task<CampaignOutcome>? _reference;

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
}
