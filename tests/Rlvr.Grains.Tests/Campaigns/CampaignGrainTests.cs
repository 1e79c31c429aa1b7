using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Configuration;
using Rlvr.Training.Metrics;

namespace Rlvr.Grains.Tests.Campaigns;

public sealed class CampaignGrainTests
{
    private const int Steps = 5;
    private const int PromptsPerStep = 4;
    private const int GroupSize = 4;

    // A tiny policy; the entropy bonus gives every update a gradient even while all rewards are 0.
    internal static readonly string TinyCampaign = $"""
        seed: 7
        steps: {Steps}
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
          group_size: {GroupSize}
          prompts_per_step: {PromptsPerStep}
          beta: 0.0
          entropy_coef: 0.01
          max_new_tokens: 8
        strategy:
          name: dump
        warm_start:
          steps: 3
          levels: [addition/1]
          batch_size: 8
        evaluation:
          interval: 5
        """;

    [Fact]
    public async Task FiveStepCampaignTrainsRecordsMetricsAndUpdatesTheCurriculum()
    {
        await using var silo = await CampaignSilo.StartAsync();
        var spec = new CampaignSpec(TinyCampaign);
        var campaign = silo.Grains.GetGrain<ICampaignGrain>("tiny");
        var created = await campaign.Create(spec);
        Assert.Equal(CampaignStatus.Created, created.Status);
        var initial = await silo.Grains.GetGrain<ILearnerGrain>("tiny").GetSnapshot();
        Assert.Equal(0, initial.Version);

        await campaign.Start();
        var progress = await CampaignSilo.WaitUntilDone(campaign);

        Assert.True(progress.Status == CampaignStatus.Completed, $"status {progress.Status}: {progress.Error}");
        Assert.Equal(Steps, progress.Step);
        var metrics = await campaign.GetMetrics(0);
        Assert.Equal(Enumerable.Range(1, Steps).Select(s => (long)s), metrics.Select(m => m.Step));
        Assert.All(metrics, m =>
        {
            Assert.True(m.Phases.SelectionMs > 0 && m.Phases.RolloutMs > 0 && m.Phases.VerificationMs > 0
                && m.Phases.UpdateMs > 0 && m.Phases.BookkeepingMs > 0, $"phases of step {m.Step}: {m.Phases}");
            Assert.Equal(PromptsPerStep, m[StepMetric.GroupsGenerated]);
            Assert.True(m[StepMetric.Tokens] >= PromptsPerStep * GroupSize, $"tokens of step {m.Step}: {m[StepMetric.Tokens]}");
        });
        var lines = File.ReadAllLines(Path.Combine(silo.DataDirectory, "tiny", CampaignHistory.FileName));
        Assert.Equal(Steps, lines.Length);

        var learner = await silo.Grains.GetGrain<ILearnerGrain>("tiny").GetSnapshot();
        Assert.Equal(Steps, learner.Version);
        Assert.Equal(Steps, progress.PolicyVersion);
        Assert.NotEqual(initial.WeightsHash, learner.WeightsHash);

        var curriculum = await silo.Grains.GetGrain<ICurriculumSchedulerGrain>("tiny").GetSnapshot();
        Assert.Equal(Steps, curriculum.Step);
        Assert.Equal(Steps * PromptsPerStep * GroupSize, curriculum.View.Distributions.Sum(d => d.Rollouts));

        // Held-out evaluations: after the warm start and after the last step, each over both distributions.
        Assert.Equal([0L, Steps], progress.Evaluations.Select(e => e.Step));
        Assert.All(progress.Evaluations, e =>
        {
            Assert.Equal(["addition/1", "addition/2"], e.Accuracy.Keys.Order());
            Assert.Equal(["addition/1", "addition/2"], e.SampledAccuracy.Keys.Order());
        });
    }

    [Fact]
    public async Task DotsWithThePolicyEmbeddingPredictsEveryPromptFromTheReferenceRollouts()
    {
        await using var silo = await CampaignSilo.StartAsync();
        var yaml = TinyCampaign
            .Replace($"steps: {Steps}\n", "steps: 2\n", StringComparison.Ordinal)
            .Replace("  name: dump", "  name: dots\n  dots:\n    reference_size: 6\n    embedding: policy", StringComparison.Ordinal);
        var spec = new CampaignSpec(yaml);
        var campaign = silo.Grains.GetGrain<ICampaignGrain>("dots");
        await campaign.Create(spec);
        await campaign.Start();
        var progress = await CampaignSilo.WaitUntilDone(campaign);

        Assert.True(progress.Status == CampaignStatus.Completed, $"status {progress.Status}: {progress.Error}");
        var metrics = await campaign.GetMetrics(0);
        Assert.Equal([6.0, 0.0], metrics.Select(m => m[StepMetric.ReferenceGroups]));
        Assert.Null(metrics[1][StepMetric.PredictionCorrelation]);
        var view = (await silo.Grains.GetGrain<ICurriculumSchedulerGrain>("dots").GetSnapshot()).View;
        var round = Assert.Single(view.DotsRounds!);
        Assert.Equal(6, round.ReferenceCount);
        var trainingPrompts = spec.Load().Catalog.TrainingPrompts.Count;
        Assert.Equal(trainingPrompts, view.Prompts.Count(p => p.PredictedDifficulty is not null));
        var evaluations = File.ReadAllLines(Path.Combine(silo.DataDirectory, "dots", CampaignHistory.EvaluationsFileName));
        Assert.Equal(2, evaluations.Length);
    }

    [Fact]
    public async Task ConfigurationErrorSurfacesOnCreateAndLeavesTheStoredCampaignIntact()
    {
        await using var silo = await CampaignSilo.StartAsync();
        var campaign = silo.Grains.GetGrain<ICampaignGrain>("tiny");
        var bad = new CampaignSpec(TinyCampaign.Replace("name: dump", "name: fastest", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<CampaignConfigException>(() => campaign.Create(bad));
        Assert.Contains(error.Errors, e => e.StartsWith("strategy.name", StringComparison.Ordinal));
        Assert.Equal(CampaignStatus.None, (await campaign.GetProgress()).Status);

        var created = await campaign.Create(new CampaignSpec(TinyCampaign));
        await Assert.ThrowsAsync<CampaignConfigException>(() => campaign.Create(bad));
        var after = await campaign.GetProgress();
        Assert.Equal(CampaignStatus.Created, after.Status);
        Assert.Equal(created.ConfigHash, after.ConfigHash);
        Assert.Single(after.Evaluations);
    }

    [Fact]
    public async Task CreatingAgainNamesWhatDiffersFromTheStoredCampaign()
    {
        await using var silo = await CampaignSilo.StartAsync();
        var campaign = silo.Grains.GetGrain<ICampaignGrain>("tiny");
        var created = await campaign.Create(new CampaignSpec(TinyCampaign));

        var again = await campaign.Create(new CampaignSpec(TinyCampaign));
        Assert.Equal(created.ConfigHash, again.ConfigHash);
        var edited = await Assert.ThrowsAsync<CampaignConflictException>(
            () => campaign.Create(new CampaignSpec(TinyCampaign.Replace("seed: 7", "seed: 8", StringComparison.Ordinal))));
        Assert.Contains("configuration", edited.Message, StringComparison.Ordinal);
    }
}
