using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Grains;
using Rlvr.Grains.Grpo;
using Rlvr.Grains.Tasks;

namespace Rlvr.Grains.Tests.Ledger;

public sealed class CampaignLedgerTests(CompletedDotsCampaign campaign) : IClassFixture<CompletedDotsCampaign>
{
    private const int Steps = CompletedDotsCampaign.Steps;

    [Fact]
    public async Task TrainingGroupsEndConsumedAndReferenceGroupsScored()
    {
        Assert.True(campaign.Progress.Status == CampaignStatus.Completed, $"status {campaign.Progress.Status}: {campaign.Progress.Error}");
        for (long step = 1; step <= Steps; step++)
        {
            var training = await Statuses(step, 0);
            var reference = await Statuses(step, RolloutGroup.ReferenceRound);
            Assert.All(await Statuses(step, 1), s => Assert.Equal(RolloutGroupStatus.Pending, s));

            // No filter: every group of round 0 was trained on; DOTS draws a round's prompts without replacement.
            Assert.Equal(CompletedDotsCampaign.PromptsPerStep, training.Count(s => s == RolloutGroupStatus.Consumed));
            Assert.Equal(training.Length - CompletedDotsCampaign.PromptsPerStep, training.Count(s => s == RolloutGroupStatus.Pending));
            // The reference set is rolled out at steps 1 and 3 (interval 2) and never trained on.
            var referenceCount = step % 2 == 1 ? CompletedDotsCampaign.ReferenceSize : 0;
            Assert.Equal(referenceCount, reference.Count(s => s == RolloutGroupStatus.Scored));
            Assert.Equal(reference.Length - referenceCount, reference.Count(s => s == RolloutGroupStatus.Pending));
        }
    }

    [Fact]
    public async Task PromptStatisticsCountTheGroupsTheLedgerHolds()
    {
        var sampled = 0;
        foreach (var prompt in campaign.TrainingPrompts)
        {
            var recorded = new List<RolloutGroup>();
            for (long step = 1; step <= Steps; step++)
            {
                foreach (var round in new[] { RolloutGroup.ReferenceRound, 0 })
                {
                    if ((await campaign.Ledger(step, prompt.Id, round)).Group is { } group)
                    {
                        recorded.Add(group);
                    }
                }
            }
            var statistics = await campaign.Statistics(prompt.Id);
            Assert.Equal(recorded.Count, statistics.Attempts);
            Assert.Equal(recorded.Count * CompletedDotsCampaign.GroupSize, statistics.Rollouts);
            var bySteps = recorded.GroupBy(g => g.Step).ToList();
            Assert.Equal(bySteps.Select(s => s.Key), statistics.History.Select(h => h.Step));
            Assert.Equal(bySteps.Select(s => s.Key - 1), statistics.History.Select(h => h.PolicyVersion));
            Assert.Equal(bySteps.Select(s => s.SelectMany(g => g.Rollouts).Average(r => r.Reward)), statistics.History.Select(h => h.PassRate));
            if (recorded.Count > 0)
            {
                sampled++;
                Assert.Equal(prompt, statistics.Prompt);
                Assert.Equal(recorded.Max(g => g.Step), statistics.LastSampledStep);
            }
        }
        Assert.Equal(
            Steps * CompletedDotsCampaign.PromptsPerStep + 2 * CompletedDotsCampaign.ReferenceSize,
            await SumAttempts());
        Assert.True(sampled > CompletedDotsCampaign.PromptsPerStep, $"{sampled} prompts sampled");
    }

    [Fact]
    public async Task RecomputingAStepsRolloutTakesTheLedgersGroupsWithoutCallingTheWorkers()
    {
        const long step = 2;
        var prompts = new List<TaskPrompt>();
        var stored = new List<RolloutGroup>();
        foreach (var prompt in campaign.TrainingPrompts)
        {
            if ((await campaign.Ledger(step, prompt.Id, 0)).Group is { } group)
            {
                prompts.Add(prompt);
                stored.Add(group);
            }
        }

        // The learner is at version 3 now: a worker asked for version 1 would fail instead of sampling.
        var clock = new PhaseClock();
        var recomputed = await new CampaignStep(CompletedDotsCampaign.Id, campaign.Campaign, campaign.Silo.Grains)
            .RollOut(clock, step, 0, policyVersion: step - 1, prompts);

        Assert.Equal(0, clock.Timings().RolloutMs);
        Assert.Equal(stored.Select(g => g.PromptId), recomputed.Select(g => g.PromptId));
        Assert.Equal(stored.SelectMany(g => g.Rollouts.Select(r => r.Reward)), recomputed.SelectMany(g => g.Rollouts.Select(r => r.Reward)));
        Assert.Equal(stored.SelectMany(g => g.Rollouts.Select(r => r.TokenIds)), recomputed.SelectMany(g => g.Rollouts.Select(r => r.TokenIds)));
        // What the prompt statistics recorded of step 2 when the groups were generated.
        foreach (var group in recomputed)
        {
            var entry = (await campaign.Statistics(group.PromptId)).History.Single(h => h.Step == step);
            Assert.Equal(entry.PassRate, group.PassRate, 12);
        }
    }

    /// <summary>The statuses of the ledger entries of every training prompt for one step and round.</summary>
    private Task<RolloutGroupStatus[]> Statuses(long step, int round) =>
        Task.WhenAll(campaign.TrainingPrompts.Select(async p => (await campaign.Ledger(step, p.Id, round)).Status));

    private async Task<long> SumAttempts() =>
        (await Task.WhenAll(campaign.TrainingPrompts.Select(p => campaign.Statistics(p.Id)))).Sum(s => s.Attempts);
}
