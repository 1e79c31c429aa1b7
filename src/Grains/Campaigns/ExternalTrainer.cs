using Rlvr.Grains.Contracts;
using Rlvr.Training.Allocation;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Grpo;
using Rlvr.Training.Metrics;
using Rlvr.Training.Tasks;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// A trainer outside the product: the step's work goes to the campaign's <see cref="IExternalTrainerGrain"/>, where
/// trainers lease it over the API, and the step waits for their reports. Waiting stops when
/// <paramref name="interrupted"/> is cancelled (a pause or a stop), with <see cref="TrainerInterruptedException"/>.
/// </summary>
public sealed class ExternalTrainer(string campaignId, Campaign campaign, IGrainFactory grains, CancellationToken interrupted) : ICampaignTrainer
{
    private IExternalTrainerGrain Gateway => grains.GetGrain<IExternalTrainerGrain>(campaignId);

    public async Task<IReadOnlyList<RolloutGroup>> Generate(
        PhaseClock clock, long stepNumber, int round, long policyVersion, IReadOnlyList<IReadOnlyList<PromptBudget>> batches, SamplingSettings sampling)
    {
        var step = stepNumber;
        ArgumentNullException.ThrowIfNull(clock);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var prompts = batches.SelectMany(b => b).ToList();
        var budgets = prompts.All(p => p.Rollouts == sampling.GroupSize)
            ? null
            : prompts.DistinctBy(p => p.Prompt.Id).ToDictionary(p => p.Prompt.Id, p => p.Rollouts, StringComparer.Ordinal);
        var external = new ExternalRound(step, round, policyVersion, [.. prompts.Select(p => p.Prompt)], sampling, budgets);
        var groups = await Await(() => Gateway.RollOut(external), $"the groups of step {step}, round {round}");
        clock.AddRollout(System.Diagnostics.Stopwatch.GetElapsedTime(started), 0);
        return groups;
    }

    public async Task<EvaluationResult> Evaluate(long stepNumber, long policyVersion)
    {
        var step = stepNumber;
        var g = campaign.Config.Grpo;
        var distributions = campaign.Catalog.Distributions;
        var prompts = distributions.SelectMany(d => d.Evaluation).ToList();
        var sampling = new SamplingSettings(1, g.MaxNewTokens, (float)g.Temperature, (float)g.TopP, !g.DrGrpo);
        var done = await Await(() => Gateway.Evaluate(step, policyVersion, prompts, sampling), $"the evaluation after step {step}");
        return new EvaluationResult(step, policyVersion,
            distributions.ToDictionary(d => d.Name, d => Mean(d.Evaluation, done.Greedy), StringComparer.Ordinal),
            distributions.ToDictionary(d => d.Name, d => Mean(d.Evaluation, done.Sampled), StringComparer.Ordinal));
    }

    private long? _offeredAt;

    /// <summary>The trainer may lease the update from here on; its time counts from now.</summary>
    public Task Offer(long stepNumber, long policyVersion, IReadOnlyList<RolloutGroup> batch)
    {
        _offeredAt = System.Diagnostics.Stopwatch.GetTimestamp();
        return Gateway.OfferUpdate(stepNumber, policyVersion, batch);
    }

    public async Task<LearnerUpdate> Update(PhaseClock clock, long stepNumber, long policyVersion, IReadOnlyList<RolloutGroup> batch)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var step = stepNumber;
        var started = _offeredAt ?? System.Diagnostics.Stopwatch.GetTimestamp();
        var report = await Await(() => Gateway.Update(step, policyVersion, batch), $"the update of step {step}");
        clock.Add(Phase.Update, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        var stats = new UpdateStatistics(report.Loss, report.Kl, report.ClipFraction, report.Entropy, report.GradNorm);
        return new LearnerUpdate(report.PolicyVersion, ExternalWeightsHash, stats, batch.Sum(g => (long)g.Tokens));
    }

    /// <summary>The weights live in the trainer: checkpoints record this in their place.</summary>
    public const string ExternalWeightsHash = "external";

    private async Task<T> Await<T>(Func<Task<T?>> call, string what)
        where T : class
    {
        while (!interrupted.IsCancellationRequested)
        {
            if (await call() is { } done)
            {
                return done;
            }
        }
        throw new TrainerInterruptedException($"campaign '{campaignId}' stopped waiting for {what}.");
    }

    private static double Mean(IReadOnlyList<TaskPrompt> prompts, IReadOnlyDictionary<string, double> rewards) =>
        prompts.Count == 0 ? 0 : prompts.Average(p => rewards[p.Id]);
}
