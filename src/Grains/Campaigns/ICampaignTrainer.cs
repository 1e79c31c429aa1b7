using Rlvr.Grains.Contracts;
using Rlvr.Training.Allocation;
using Rlvr.Training.Grpo;
using Rlvr.Training.Metrics;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// The policy's side of a campaign step: rolling out a round's prompts, the held-out evaluation, the update. The
/// built-in learner and rollout workers do it (<see cref="BuiltinTrainer"/>), or a trainer outside the product over the
/// API (<see cref="ExternalTrainer"/>); the step is the same.
/// </summary>
public interface ICampaignTrainer
{
    /// <summary>
    /// The groups of the prompt batches of a generation round, sampled by policy <paramref name="policyVersion"/>: each
    /// prompt's budget of rollouts (the group size of <paramref name="sampling"/> unless a strategy allocates them).
    /// </summary>
    Task<IReadOnlyList<RolloutGroup>> Generate(
        PhaseClock clock, long stepNumber, int round, long policyVersion, IReadOnlyList<IReadOnlyList<PromptBudget>> batches, SamplingSettings sampling);

    /// <summary>Held-out accuracy per distribution of policy <paramref name="policyVersion"/>, greedy and sampled.</summary>
    Task<EvaluationResult> Evaluate(long stepNumber, long policyVersion);

    /// <summary>
    /// The step's batch, as soon as it is known (before the step's bookkeeping): a trainer may start its update then, so
    /// that the bookkeeping runs beside it. <see cref="Update"/> follows with the same batch.
    /// </summary>
    Task Offer(long stepNumber, long policyVersion, IReadOnlyList<RolloutGroup> batch);

    /// <summary>One update on the step's batch, timed on <paramref name="clock"/> from when it started (at the offer, if then).</summary>
    Task<LearnerUpdate> Update(PhaseClock clock, long stepNumber, long policyVersion, IReadOnlyList<RolloutGroup> batch);
}
