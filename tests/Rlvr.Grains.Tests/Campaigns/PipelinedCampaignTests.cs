using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Grains;

namespace Rlvr.Grains.Tests.Campaigns;

/// <summary>
/// A pipelined campaign: each step's batch is rolled out by the policy one version behind the update that trains on it
/// (the first step's aside), and the campaign, curriculum and replay buffer run to the end as a plain one does.
/// </summary>
public sealed class PipelinedCampaignTests
{
    private const int Steps = 6;

    private static readonly string Yaml = $"""
        seed: 11
        steps: {Steps}
        pipeline: true
        model:
          width: 32
          layers: 1
          heads: 2
          context: 32
        tasks:
          builtin:
            - family: addition
              levels: [1, 2]
          eval_size: 4
          eval_fraction: 0.2
          pool_size: 40
        grpo:
          group_size: 4
          prompts_per_step: 4
          beta: 0.0
          max_new_tokens: 8
        strategy:
          name: dump
        replay:
          enabled: true
          capacity: 16
          fresh_fraction: 0.5
          max_staleness: 4
        warm_start:
          steps: 3
          levels: [addition/1]
          batch_size: 8
        evaluation:
          interval: 3
        checkpoint:
          interval: 100
        """;

    [Fact]
    public async Task EachStepTrainsOnRolloutsByThePolicyOneVersionBehind()
    {
        await using var silo = await CampaignSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICampaignGrain>("pipelined");
        await grain.Create(new CampaignSpec(Yaml, silo.DataDirectory));
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
