using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Torch;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Grpo;
using Rlvr.Training.Metrics;
using Rlvr.Training.Tasks;

namespace Rlvr.Grains.Tests.Campaigns;

public sealed class CampaignReplayTests
{
    private const int Steps = 2;
    private const int PromptsPerStep = 4;

    private static readonly double[] StoredRewards = [1, 0, 0, 1];

    [Fact]
    public async Task ReplayedGroupsTakeTheirPlacesBeforeRolloutSoEveryGeneratedGroupIsTrainedOn()
    {
        await using var silo = await CampaignSilo.StartAsync();
        var yaml = CampaignGrainTests.TinyCampaign + """

            replay:
              enabled: true
              capacity: 16
              fresh_fraction: 0.5
            """;
        var spec = new CampaignSpec(yaml, Steps);
        var catalog = spec.Load().Catalog;
        var campaign = silo.Grains.GetGrain<ICampaignGrain>("replay");
        await campaign.Create(spec);
        // Informative groups of version 0 in the buffer, so that both steps replay (1 - 0.5) * 4 = 2 of them.
        await silo.Grains.GetGrain<IReplayBufferGrain>("replay").Add(catalog.TrainingPrompts.Take(3).Select(StoredGroup).ToList());

        await campaign.Start();
        var progress = await CampaignSilo.WaitUntilDone(campaign);

        Assert.True(progress.Status == CampaignStatus.Completed, $"status {progress.Status}: {progress.Error}");
        var metrics = await campaign.GetMetrics(0);
        Assert.All(metrics, m =>
        {
            Assert.Equal(2, m[StepMetric.GroupsReplayed]);
            Assert.Equal(PromptsPerStep - m[StepMetric.GroupsReplayed], m[StepMetric.GroupsGenerated]);
            Assert.InRange(m[StepMetric.ReplayStored] ?? -1, 1, 16);
        });
        // Everything stored was made by policy 0 (the seeded groups, step 1's): step 1 replays it at age 0, step 2 at 1.
        Assert.Equal([0.0, 1.0], metrics.Select(m => m[StepMetric.ReplayMeanAge]));
        // Every group the last step generated went into its learner update; the page of step 1 is behind the checkpoint
        // of step 1, the previous one when step 2's was committed, so it is pruned.
        var last = await silo.Grains.GetGrain<IRolloutLedgerGrain>(CampaignGrainKeys.RolloutLedger("replay", Steps)).GetRecord();
        Assert.NotNull(last.Trained);
        // A prompt drawn twice in the round is one group.
        Assert.InRange(last.Trained.Count, 1, PromptsPerStep - 2);
        Assert.Equal(last.Groups.Select(RolloutGroupId.Of).ToHashSet(), last.Trained.ToHashSet());
        var first = await silo.Grains.GetGrain<IRolloutLedgerGrain>(CampaignGrainKeys.RolloutLedger("replay", 1)).GetRecord();
        Assert.Empty(first.Groups);
        Assert.Null(first.Trained);
    }

    /// <summary>An informative group of policy version 0 whose completions are the answer, or are rewarded as if wrong.</summary>
    private static RolloutGroup StoredGroup(TaskPrompt prompt) => RolloutGroup.Create(
        prompt.Id, prompt.Distribution, step: 0, round: 0, policyVersion: 0,
        [.. StoredRewards.Select(reward => (
            (IReadOnlyList<int>)[.. CharTokenizer.Encode(prompt.Answer), CharTokenizer.EndToken],
            (IReadOnlyList<float>)[.. Enumerable.Repeat(-1f, prompt.Answer.Length + 1)],
            reward))],
        scaleByStd: true);
}
