namespace Rlvr.Api.Contracts;

/// <summary>
/// One training step: mean reward of the trained batch, pass rate per distribution, the learner's statistics, tokens,
/// groups generated, replayed and used as DOTS reference (with the predicted-vs-true difficulty correlation), refill
/// rounds, wall time per phase in milliseconds, the curriculum's distributions after the step, the groups the filter
/// dropped, the replay buffer's size after the step and the mean age (policy versions) of the groups it replayed (null
/// without replay), and the campaign's wall time through this step.
/// </summary>
public sealed record StepInfo(
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
    IReadOnlyDictionary<string, double> PhasesMs,
    IReadOnlyList<DistributionInfo> Curriculum,
    int GroupsRejected,
    int? ReplayStored,
    double? ReplayMeanAge,
    double ElapsedMs);
