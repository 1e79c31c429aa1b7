using Rlvr.Grains.Contracts;
using Rlvr.Grains.Ledger;
using Rlvr.Training.Allocation;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Configuration;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Metrics;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// One GRPO step of a campaign, in the paper's order, in two halves. <see cref="Generate(long, long)"/>: (draw the replayed share of
/// the batch) -> select prompts -> roll out and verify -> record the groups in the ledger -> filter and refill -> mix in
/// replay -> (advantages, computed per group at rollout) -> curriculum observes -> prompt statistics. <see cref="Train"/>:
/// learner update -> metrics. A pipelined campaign runs the next step's first half beside this step's second. Also the
/// held-out evaluation. Rollouts are split across the campaign's rollout workers; a group the ledger already holds as
/// scored (a step recomputed after a crash) is reused.
/// </summary>
public sealed class CampaignStep(string campaignId, Campaign campaign, IGrainFactory grains, ICampaignTrainer trainer)
{
    /// <summary>A round's prompts are sampled in this many batches, one rollout worker call each, at once.</summary>
    private int SamplingBatches => Config.RolloutBatchesOrDefault;

    private readonly RolloutLedger _ledger = new(campaignId, grains);

    private CampaignConfig Config => campaign.Config;

    /// <summary>The batch of <paramref name="step"/>, rolled out by policy <paramref name="policyVersion"/>.</summary>
    public async Task<GeneratedBatch> Generate(long step, long policyVersion)
    {
        var scheduler = grains.GetGrain<ICurriculumSchedulerGrain>(campaignId);
        var clock = new PhaseClock();

        // Replay draws first: up to (1 - delta) * B stored groups take their places in the batch, so that only the
        // rest is generated and no fresh group is displaced.
        var replay = Config.Replay.Enabled ? grains.GetGrain<IReplayBufferGrain>(campaignId) : null;
        IReadOnlyList<RolloutGroup> replayed = replay is null
            ? []
            : await clock.Time(Phase.Bookkeeping, () => replay.Draw(step, Config.Grpo.PromptsPerStep, policyVersion));

        // Select, roll out, verify and record, report, until the curriculum has the B - replayed fresh groups: first,
        // for DOTS, the reference set, whose rollouts by the current policy refresh the predicted difficulties, then
        // generation rounds whose groups the filter keeps or drops.
        var referenceGroups = new List<RolloutGroup>();
        var generated = new List<RolloutGroup>();
        var next = await clock.Time(Phase.Selection, () => scheduler.BeginStep(step, replayed.Count));
        while (next is RolloutRound round)
        {
            var groups = await RollOut(clock, step, round.Round, policyVersion, round.WithBudgets(Config.Grpo.GroupSize));
            (round.IsReference ? referenceGroups : generated).AddRange(groups);
            next = await clock.Time(Phase.Selection, () => scheduler.ReportRound(step, round.Round, groups));
        }
        var selection = (FreshBatch)next;
        var fresh = selection.Groups;
        var shadow = await RollOutShadow(clock, step, policyVersion);

        // Mix: the replayed groups and the fresh ones; the fresh ones are offered to the buffer.
        int? replayStored = replay is null ? null : await clock.Time(Phase.Bookkeeping, () => replay.Add(fresh));
        IReadOnlyList<RolloutGroup> batch = [.. replayed, .. fresh];
        await trainer.Offer(step, policyVersion, batch);

        // The ledger records what the update trains on; the curriculum observes the step; so does every prompt it rolled
        // out. All at once: independent, and their storage writes then share commits.
        var stepGroups = referenceGroups.Concat(generated).DistinctBy(g => (g.PromptId, g.Round)).ToList();
        var curriculum = await clock.Time(Phase.Bookkeeping, async () =>
        {
            var endStep = scheduler.EndStep(step);
            await Task.WhenAll(_ledger.MarkTrained(step, fresh), endStep, ObservePrompts(step, policyVersion, stepGroups));
            return await endStep;
        });

        var passRates = generated
            .GroupBy(g => g.Distribution, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(x => x.Rollouts).Average(r => r.Reward), StringComparer.Ordinal);
        var spent = stepGroups.Concat(shadow).ToList();
        var rollouts = spent.Sum(g => g.Rollouts.Count);
        var informative = fresh.Count(g => g.IsInformative);
        var shadowRollouts = shadow.Sum(g => g.Rollouts.Count);
        return new GeneratedBatch(step, policyVersion, batch, passRates, clock.Timings(), curriculum, new Dictionary<string, double?>
        {
            [StepMetric.Tokens.Name] = spent.Sum(g => (long)g.Tokens),
            [StepMetric.GroupsGenerated.Name] = generated.Count,
            [StepMetric.ReferenceGroups.Name] = referenceGroups.Count,
            [StepMetric.PredictionCorrelation.Name] = selection.ReferenceCorrelation,
            [StepMetric.GroupsReplayed.Name] = replayed.Count,
            [StepMetric.Rounds.Name] = selection.Rounds,
            [StepMetric.GroupsRejected.Name] = selection.Rejected,
            [StepMetric.ReplayStored.Name] = replayStored,
            [StepMetric.ReplayMeanAge.Name] = replayed.Count == 0 ? null : replayed.Average(g => (double)(policyVersion - g.PolicyVersion)),
            [StepMetric.RolloutsSpent.Name] = rollouts,
            [StepMetric.GroupsInformative.Name] = informative,
            [StepMetric.Yield.Name] = rollouts == 0 ? null : (double)informative / rollouts,
            [StepMetric.UniformYield.Name] = shadowRollouts == 0 ? null : (double)shadow.Count(g => g.IsInformative) / shadowRollouts,
        });
    }

    /// <summary>
    /// The uniform shadow sample (<c>strategy.shadow_uniform_prompts</c>): prompts drawn uniformly, rolled out with G
    /// rollouts each, counted as spent and never trained on or observed, so that the step reports what uniform selection
    /// would have yielded beside what its strategy did.
    /// </summary>
    private async Task<IReadOnlyList<RolloutGroup>> RollOutShadow(PhaseClock clock, long step, long policyVersion)
    {
        var count = Config.Strategy.ShadowUniformPrompts;
        if (count == 0)
        {
            return [];
        }
        var rng = RngFactory.Create(Config.Seed, step, "shadow/uniform");
        var pool = campaign.Catalog.TrainingPrompts;
        var prompts = Enumerable.Range(0, count).Select(_ => new PromptBudget(pool[rng.NextInt(pool.Count)], Config.Grpo.GroupSize)).ToList();
        return await RollOut(clock, step, RolloutGroup.ShadowRound, policyVersion, prompts);
    }

    /// <summary>The learner's update on <paramref name="generated"/>, and the step's metrics.</summary>
    public async Task<(StepMetrics Metrics, LearnerUpdate Update)> Train(GeneratedBatch generated)
    {
        ArgumentNullException.ThrowIfNull(generated);
        var clock = new PhaseClock();
        var update = await trainer.Update(clock, generated.Step, generated.PolicyVersion, generated.Batch);
        var stats = update.Stats;
        var scalars = new Dictionary<string, double?>(generated.Scalars, StringComparer.Ordinal)
        {
            [StepMetric.Reward.Name] = generated.Batch.SelectMany(g => g.Rollouts).Average(r => r.Reward),
            [StepMetric.Loss.Name] = stats.Loss,
            [StepMetric.Kl.Name] = stats.Kl,
            [StepMetric.ClipFraction.Name] = stats.ClipFraction,
            [StepMetric.Entropy.Name] = stats.Entropy,
            [StepMetric.GradNorm.Name] = stats.GradNorm,
        };
        var metrics = new StepMetrics(
            generated.Step, update.Version, generated.PassRates, generated.Phases.Plus(clock.Timings()), generated.Curriculum, scalars);
        return (metrics, update);
    }

    /// <summary>Held-out accuracy per distribution of the policy at <paramref name="policyVersion"/>, greedy and sampled.</summary>
    public Task<EvaluationResult> Evaluate(long step, long policyVersion) => trainer.Evaluate(step, policyVersion);

    /// <summary>The groups of the prompts in generation <paramref name="round"/>: from the ledger when scored there, else generated and recorded.</summary>
    internal Task<IReadOnlyList<RolloutGroup>> RollOut(PhaseClock clock, long step, int round, long policyVersion, IReadOnlyList<PromptBudget> prompts) =>
        _ledger.RollOut(clock, step, round, policyVersion, prompts, SamplingBatches, batches => Generate(clock, step, round, policyVersion, batches));

    private Task<IReadOnlyList<RolloutGroup>> Generate(
        PhaseClock clock, long step, int round, long policyVersion, IReadOnlyList<IReadOnlyList<PromptBudget>> promptBatches)
    {
        var g = Config.Grpo;
        var sampling = new SamplingSettings(g.GroupSize, g.MaxNewTokens, (float)g.Temperature, (float)g.TopP, ScaleByStd: !g.DrGrpo);
        return trainer.Generate(clock, step, round, policyVersion, promptBatches, sampling);
    }

    /// <summary>One call per prompt the step generated groups of, all at once.</summary>
    private Task ObservePrompts(long step, long policyVersion, IReadOnlyList<RolloutGroup> groups) =>
        Task.WhenAll(groups
            .GroupBy(g => g.PromptId, StringComparer.Ordinal)
            .Select(byPrompt => grains.GetGrain<IPromptGrain>(CampaignGrainKeys.Prompt(campaignId, byPrompt.Key))
                .Observe(PromptObservation.Of(campaign.Catalog.GetPrompt(byPrompt.Key), step, policyVersion, byPrompt.ToList()))));
}
