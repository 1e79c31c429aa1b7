using System.Text.Json.Serialization;
using Rlvr.Training.Curriculum;
using Rlvr.Training.Grpo;
using Rlvr.Training.Metrics;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// The generation half of a step: the batch its update trains on (replayed groups, then fresh ones), made by policy
/// <see cref="PolicyVersion"/>, and what the step's metrics report of how it was made (the generation's scalars by
/// <see cref="StepMetric"/> name). A pipelined campaign carries the next step's in its checkpoint, since the policy that
/// made it is gone by then.
/// </summary>
[JsonConverter(typeof(GeneratedBatchJsonConverter))]
public sealed record GeneratedBatch(
    long Step,
    long PolicyVersion,
    IReadOnlyList<RolloutGroup> Batch,
    IReadOnlyDictionary<string, double> PassRates,
    PhaseTimings Phases,
    IReadOnlyList<DistributionView> Curriculum,
    IReadOnlyDictionary<string, double?> Scalars);
