using Microsoft.Extensions.DependencyInjection;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Rollouts;
using Rlvr.Training.Allocation;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Grains.Tests.Ledger;

public sealed class CampaignLedgerTests(CompletedDotsCampaign campaign) : IClassFixture<CompletedDotsCampaign>
{
    private const int Steps = CompletedDotsCampaign.Steps;

    /// <summary>Checkpoints at steps 0, 1 and 3: committing step 3's prunes the pages through step 1.</summary>
    private const long PrunedThrough = 1;

    [Fact]
    public async Task PagesHoldTheStepsGroupsAndWhatItTrainedOnAndPagesBehindTheCheckpointsArePruned()
    {
        Assert.True(campaign.Progress.Status == CampaignStatus.Completed, $"status {campaign.Progress.Status}: {campaign.Progress.Error}");
        for (long step = 1; step <= Steps; step++)
        {
            var page = await campaign.Ledger(step);
            if (step <= PrunedThrough)
            {
                Assert.Empty(page.Groups);
                Assert.Null(page.Trained);
                continue;
            }
            var training = page.Groups.Where(g => g.Round != RolloutGroup.ReferenceRound).ToList();
            var reference = page.Groups.Where(g => g.Round == RolloutGroup.ReferenceRound).ToList();
            Assert.All(page.Groups, g => Assert.Equal(step, g.Step));
            Assert.All(page.Groups, g => Assert.Equal(step - 1, g.PolicyVersion));

            // No filter: one round, every group of it trained on; DOTS draws a round's prompts without replacement.
            Assert.All(training, g => Assert.Equal(0, g.Round));
            Assert.Equal(CompletedDotsCampaign.PromptsPerStep, training.Count);
            Assert.Equal(training.Select(RolloutGroupId.Of).OrderBy(g => g.PromptId, StringComparer.Ordinal),
                page.Trained!.OrderBy(g => g.PromptId, StringComparer.Ordinal));
            // The reference set is rolled out at steps 1 and 3 (interval 2) and never trained on.
            Assert.Equal(step % 2 == 1 ? CompletedDotsCampaign.ReferenceSize : 0, reference.Count);
        }
    }

    [Fact]
    public async Task PromptStatisticsCountTheGroupsTheLedgerHolds()
    {
        var recorded = new List<RolloutGroup>();
        for (var step = PrunedThrough + 1; step <= Steps; step++)
        {
            recorded.AddRange((await campaign.Ledger(step)).Groups);
        }
        var sampled = 0;
        foreach (var prompt in campaign.TrainingPrompts)
        {
            var statistics = await campaign.Statistics(prompt.Id);
            var mine = recorded.Where(g => g.PromptId == prompt.Id).ToList();
            var kept = statistics.History.Where(h => h.Step > PrunedThrough).ToList();
            var bySteps = mine.GroupBy(g => g.Step).ToList();
            Assert.Equal(bySteps.Select(s => s.Key), kept.Select(h => h.Step));
            Assert.Equal(bySteps.Select(s => s.Key - 1), kept.Select(h => h.PolicyVersion));
            Assert.Equal(bySteps.Select(s => s.Count()), kept.Select(h => h.Groups));
            Assert.Equal(bySteps.Select(s => s.SelectMany(g => g.Rollouts).Average(r => r.Reward)), kept.Select(h => h.PassRate));
            if (mine.Count > 0)
            {
                sampled++;
                Assert.Equal(prompt, statistics.Prompt);
                Assert.Equal(mine.Max(g => g.Step), statistics.LastSampledStep);
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
        foreach (var group in (await campaign.Ledger(step)).Groups.Where(g => g.Round == 0))
        {
            prompts.Add(campaign.Campaign.Catalog.GetPrompt(group.PromptId));
            stored.Add(group);
        }

        // The learner is at version 3 now: a worker asked for version 1 would fail instead of sampling.
        var clock = new PhaseClock();
        var workers = new RolloutWorkerPool(
            CompletedDotsCampaign.Id, campaign.Silo.Grains, campaign.Silo.Services.GetRequiredService<IClusterMembershipService>());
        var trainer = new BuiltinTrainer(CompletedDotsCampaign.Id, campaign.Campaign, campaign.Silo.Grains, workers);
        var recomputed = await new CampaignStep(CompletedDotsCampaign.Id, campaign.Campaign, campaign.Silo.Grains, trainer)
            .RollOut(clock, step, 0, policyVersion: step - 1, [.. prompts.Select(p => new PromptBudget(p, campaign.Campaign.Config.Grpo.GroupSize))]);

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

    private async Task<long> SumAttempts() =>
        (await Task.WhenAll(campaign.TrainingPrompts.Select(p => campaign.Statistics(p.Id)))).Sum(s => s.Attempts);
}
