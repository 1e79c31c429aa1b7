namespace Rlvr.Training.Metrics;

/// <summary>
/// A named scalar of a step's metrics. The names live here only: metrics.jsonl, the API, the CSV export and the
/// dashboard all iterate <see cref="All"/>, so a new metric is an entry here plus the code that measures it.
/// </summary>
public sealed record StepMetric(string Name, string Description)
{
    public static readonly StepMetric Reward = new("reward", "mean reward of the trained batch");
    public static readonly StepMetric Loss = new("loss", "the learner's GRPO loss");
    public static readonly StepMetric Kl = new("kl", "KL divergence from the reference policy");
    public static readonly StepMetric ClipFraction = new("clip_fraction", "share of tokens whose ratio was clipped");
    public static readonly StepMetric Entropy = new("entropy", "mean token entropy of the trained completions");
    public static readonly StepMetric GradNorm = new("grad_norm", "gradient norm before clipping");
    public static readonly StepMetric Tokens = new("tokens", "completion tokens of the step's rollout groups, each group once");
    public static readonly StepMetric GroupsGenerated = new("groups_generated", "groups generated for training (all refill rounds)");
    public static readonly StepMetric ReferenceGroups = new("reference_groups", "groups generated for the selector's reference set (DOTS)");
    public static readonly StepMetric PredictionCorrelation = new("prediction_correlation", "Pearson correlation of predicted and measured difficulty on the reference set (DOTS)");
    public static readonly StepMetric GroupsReplayed = new("groups_replayed", "groups the batch took from the replay buffer");
    public static readonly StepMetric Rounds = new("rounds", "generation rounds the step took");
    public static readonly StepMetric GroupsRejected = new("groups_rejected", "generated groups the filter dropped");
    public static readonly StepMetric ReplayStored = new("replay_stored", "groups in the replay buffer after the step");
    public static readonly StepMetric ReplayMeanAge = new("replay_mean_age", "mean age, in policy versions, of the replayed groups");
    public static readonly StepMetric RolloutsSpent = new("rollouts", "rollouts the step sampled: every round, screening, reference and shadow rollouts included");
    public static readonly StepMetric GroupsInformative = new("groups_informative", "fresh trained groups with a non-zero advantage");
    public static readonly StepMetric Yield = new("yield", "fresh trained groups with a non-zero advantage per rollout spent");
    public static readonly StepMetric UniformYield = new("uniform_yield", "the same yield on the uniform shadow sample: what uniform selection would have got");

    /// <summary>In the order metrics.jsonl has written them since the first release: append new ones.</summary>
    public static IReadOnlyList<StepMetric> All { get; } =
    [
        Reward, Loss, Kl, ClipFraction, Entropy, GradNorm, Tokens, GroupsGenerated, ReferenceGroups, PredictionCorrelation,
        GroupsReplayed, Rounds, GroupsRejected, ReplayStored, ReplayMeanAge, RolloutsSpent, GroupsInformative, Yield, UniformYield,
    ];
}
