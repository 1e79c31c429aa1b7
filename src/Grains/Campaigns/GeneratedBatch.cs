using Rlvr.Training.Curriculum;
using Rlvr.Training.Grpo;
using Rlvr.Training.Metrics;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// The generation half of a step: the batch its update trains on (replayed groups, then fresh ones), made by policy
/// <see cref="PolicyVersion"/>, and what the step's metrics report of how it was made. A pipelined campaign carries
/// the next step's in its checkpoint, since the policy that made it is gone by then.
/// </summary>
public sealed record GeneratedBatch(
    long Step,
    long PolicyVersion,
    IReadOnlyList<RolloutGroup> Batch,
    IReadOnlyDictionary<string, double> PassRates,
    long Tokens,
    int GroupsGenerated,
    int ReferenceGroups,
    double? PredictionCorrelation,
    int GroupsReplayed,
    int Rounds,
    PhaseTimings Phases,
    IReadOnlyList<DistributionView> Curriculum,
    int GroupsRejected,
    int? ReplayStored,
    double? ReplayMeanAge);
