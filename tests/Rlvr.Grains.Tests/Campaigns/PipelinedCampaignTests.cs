using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Training.Campaigns;

namespace Rlvr.Grains.Tests.Campaigns;

/// <summary>
/// A pipelined campaign: each step's batch is rolled out by the policy one version behind the update that trains on it
/// (the first step's aside), and the campaign, curriculum and replay buffer run to the end as a plain one does.
/// </summary>
public sealed class PipelinedCampaignTests
{
    private const int Steps = 5;

    // The tiny campaign with a replay buffer, whose draws and additions the pipelined steps interleave.
    private static readonly string Yaml = "pipeline: true\n" + CampaignGrainTests.TinyCampaign + """

        replay:
          enabled: true
          capacity: 16
          fresh_fraction: 0.5
          max_staleness: 4
        """;

    [Fact]
    public async Task EachStepTrainsOnRolloutsByThePolicyOneVersionBehind()
    {
        await using var silo = await CampaignSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICampaignGrain>("pipelined");
        await grain.Create(new CampaignSpec(Yaml));
        await grain.Start();
        var done = await CampaignSilo.WaitUntilDone(grain);

        Assert.True(done.Status == CampaignStatus.Completed, done.Error);
        var metrics = await grain.GetMetrics(0);
        Assert.Equal(Enumerable.Range(1, Steps).Select(s => (long)s), metrics.Select(m => m.Step));
        Assert.Equal(Enumerable.Range(1, Steps).Select(s => (long)s), metrics.Select(m => m.PolicyVersion));
        // Steps 2 on: the ledger is pruned through the checkpoint before the last (step 1).
        for (long step = 2; step <= Steps; step++)
        {
            var ledger = await silo.Grains.GetGrain<IRolloutLedgerGrain>(CampaignGrainKeys.RolloutLedger("pipelined", step)).GetRecord();
            Assert.NotEmpty(ledger.Groups);
            Assert.All(ledger.Groups, g => Assert.Equal(Math.Max(step - 2, 0), g.PolicyVersion));
        }
        Assert.All(metrics, m => Assert.True(m.Phases.WallMs > 0, $"step {m.Step}: no wall time"));
    }
}
