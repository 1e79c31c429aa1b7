using Orleans;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// One training step: mean reward of the trained batch, pass rate per distribution over every group generated
/// in the step (all refill rounds), the learner's statistics, the completion tokens of the step's rollout groups (the
/// reference set included, each group once, whether generated or taken from the ledger), the groups generated for
/// training and for the selector's reference set (DOTS) with the round's predicted-vs-true difficulty Pearson
/// correlation (leave-one-out over the reference set), phase timings, and the curriculum's distributions after the step
/// (its history by step).
/// </summary>
[GenerateSerializer, Immutable]
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
    IReadOnlyList<Curriculum.DistributionView>? Curriculum = null);
