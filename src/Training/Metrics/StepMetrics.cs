using Orleans;

namespace Rlvr.Training.Metrics;

/// <summary>
/// One training step: mean reward of the trained batch, pass rate per distribution over every group generated
/// in the step (all refill rounds), the learner's statistics, the completion tokens of the step's rollout groups (the
/// reference set included, each group once, whether generated or taken from the ledger), the groups generated for
/// training and for the selector's reference set (DOTS) with the round's predicted-vs-true difficulty Pearson
/// correlation (leave-one-out over the reference set), phase timings, the curriculum's distributions after the step
/// (its history by step), the generated groups the filter dropped, and the replay buffer's size after the step and the
/// mean age (in policy versions) of the groups it replayed.
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.StepMetrics")]
public sealed record StepMetrics(
    long Step,
    long PolicyVersion,
    double Reward,
    IReadOnlyDictionary<string, double> PassRates,
    double Loss,
    double Kl,
    double ClipFraction,
    double Entropy,
    double GradNorm,
    long Tokens,
    int GroupsGenerated,
    int ReferenceGroups,
    double? PredictionCorrelation,
    int GroupsReplayed,
    int Rounds,
    PhaseTimings Phases,
    IReadOnlyList<Curriculum.DistributionView>? Curriculum = null,
    int GroupsRejected = 0,
    int? ReplayStored = null,
    double? ReplayMeanAge = null);
