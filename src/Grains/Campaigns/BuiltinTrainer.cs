using System.Diagnostics;
using Rlvr.Grains.Contracts;
using Rlvr.Grains.Rollouts;
using Rlvr.Training.Allocation;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Metrics;
using Rlvr.Training.Tasks;

namespace Rlvr.Grains.Campaigns;

/// <summary>The product's own policy side: rollout workers sample and verify, the learner grain updates.</summary>
public sealed class BuiltinTrainer(string campaignId, Campaign campaign, IGrainFactory grains, RolloutWorkerPool workers) : ICampaignTrainer
{
    private (long Step, Task<LearnerUpdate> Update, long StartedAt)? _offered;

    public async Task<IReadOnlyList<RolloutGroup>> Generate(
        PhaseClock clock, long stepNumber, int round, long policyVersion, IReadOnlyList<IReadOnlyList<PromptBudget>> batches, SamplingSettings sampling)
    {
        var step = stepNumber;
        ArgumentNullException.ThrowIfNull(clock);
        var seed = campaign.Config.Seed;
        var started = Stopwatch.GetTimestamp();
        var results = await Task.WhenAll(batches.Select((prompts, batch) =>
            workers.Run(batch, worker => worker.Generate(RolloutRequest.Of(seed, step, round, policyVersion, prompts, sampling, campaign.ConfigHash)))));
        clock.AddRollout(Stopwatch.GetElapsedTime(started), results.Max(b => b.VerificationMs));
        return results.SelectMany(b => b.Groups).ToList();
    }

    public async Task<EvaluationResult> Evaluate(long stepNumber, long policyVersion)
    {
        var step = stepNumber;
        var g = campaign.Config.Grpo;
        var greedy = new Dictionary<string, double>(StringComparer.Ordinal);
        var sampled = new Dictionary<string, double>(StringComparer.Ordinal);
        var distributions = campaign.Catalog.Distributions;
        for (var i = 0; i < distributions.Count; i++)
        {
            var distribution = distributions[i];
            greedy[distribution.Name] = await Accuracy(i, distribution.Evaluation, policyVersion, new EvaluationSampling(g.MaxNewTokens, 0f, 1f, 0));
            var seed = RngFactory.DeriveSeed(campaign.Config.Seed, step, $"evaluation/{distribution.Name}");
            sampled[distribution.Name] = await Accuracy(
                i, distribution.Evaluation, policyVersion, new EvaluationSampling(g.MaxNewTokens, (float)g.Temperature, (float)g.TopP, seed));
        }
        return new EvaluationResult(step, policyVersion, greedy, sampled);
    }

    /// <summary>
    /// Stepping one step at a time, the update starts here, so that the step's bookkeeping runs beside it instead of
    /// before it. Pipelined, the next step's batch is offered while this step updates: it waits for its own step.
    /// </summary>
    public Task Offer(long stepNumber, long policyVersion, IReadOnlyList<RolloutGroup> batch)
    {
        if (!campaign.Config.Pipeline)
        {
            _offered = (stepNumber, grains.GetGrain<ILearnerGrain>(campaignId).Update(stepNumber, batch), Stopwatch.GetTimestamp());
        }
        return Task.CompletedTask;
    }

    public async Task<LearnerUpdate> Update(PhaseClock clock, long stepNumber, long policyVersion, IReadOnlyList<RolloutGroup> batch)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var (update, started) = _offered is { } offered && offered.Step == stepNumber
            ? (offered.Update, offered.StartedAt)
            : (grains.GetGrain<ILearnerGrain>(campaignId).Update(stepNumber, batch), Stopwatch.GetTimestamp());
        _offered = null;
        var done = await update;
        clock.Add(Phase.Update, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return done;
    }

    private async Task<double> Accuracy(int batch, IReadOnlyList<TaskPrompt> prompts, long policyVersion, EvaluationSampling sampling)
    {
        // One call per distribution and mode: the seed then covers the same prompts however workers are added.
        var rewards = await workers.Run(batch, worker => worker.Evaluate(campaign.ConfigHash, policyVersion, prompts, sampling));
        return rewards.Count == 0 ? 0 : rewards.Average();
    }
}
