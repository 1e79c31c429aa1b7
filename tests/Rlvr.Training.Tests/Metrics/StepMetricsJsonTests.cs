using System.Text.Json;
using Rlvr.Training.Curriculum;
using Rlvr.Training.Metrics;

namespace Rlvr.Training.Tests.Metrics;

/// <summary>metrics.jsonl outlives releases: a line the previous release wrote reads into the named scalars and writes back byte for byte.</summary>
public sealed class StepMetricsJsonTests
{
    /// <summary>Step 1 of the crash tests' campaign, as the release before the metrics' single shape (b648f54) logged it.</summary>
    private const string PreviousReleaseLine = @"{""step"":1,""policy_version"":1,""reward"":0,""pass_rates"":{""addition/1"":0,""addition/2"":0},""loss"":0,""kl"":0,""clip_fraction"":0,""entropy"":4.5766167640686035,""grad_norm"":0,""tokens"":118,""groups_generated"":4,""reference_groups"":0,""prediction_correlation"":null,""groups_replayed"":0,""rounds"":1,""phases"":{""selection_ms"":21.9098,""rollout_ms"":19.339,""verification_ms"":5.6962,""update_ms"":117.3043,""bookkeeping_ms"":136.8347,""evaluation_ms"":0,""wall_ms"":242.7592,""elapsed_ms"":242.7592,""total_ms"":301.084},""curriculum"":[{""name"":""addition/1"",""probability"":0.017234211020390102,""ucb_score"":0.6602113116333653,""window_mean_abs_advantage"":0,""rollouts"":12,""pass_rate"":0},{""name"":""addition/2"",""probability"":0.9827657889796098,""ucb_score"":1.0645587525460896,""window_mean_abs_advantage"":0,""rollouts"":4,""pass_rate"":0}],""groups_rejected"":0,""replay_stored"":0,""replay_mean_age"":null}";

    [Fact]
    public void APreviousReleasesLineReadsIntoTheScalarsAndWritesBackTheSameBytes()
    {
        var metrics = JsonSerializer.Deserialize<StepMetrics>(PreviousReleaseLine, CurriculumJson.Options)!;

        Assert.Equal(1, metrics.Step);
        Assert.Equal(118, metrics[StepMetric.Tokens]);
        Assert.Equal(4.5766167640686035, metrics[StepMetric.Entropy]);
        Assert.Null(metrics[StepMetric.PredictionCorrelation]);
        // Every metric of that release, and none of those added since (the allocation stage's, from rollouts on).
        var thatRelease = StepMetric.All.TakeWhile(m => m != StepMetric.RolloutsSpent).Select(m => m.Name);
        Assert.Equal(thatRelease.Order(StringComparer.Ordinal), metrics.Scalars.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(PreviousReleaseLine, JsonSerializer.Serialize(metrics, CurriculumJson.Options));
    }

    [Fact]
    public void AScalarTheCatalogDoesNotKnowIsKeptAfterTheKnownOnes()
    {
        var line = PreviousReleaseLine[..^1] + @",""hint_share"":0.25}";

        var metrics = JsonSerializer.Deserialize<StepMetrics>(line, CurriculumJson.Options)!;

        Assert.Equal(0.25, metrics.Scalars["hint_share"]);
        Assert.Equal(line, JsonSerializer.Serialize(metrics, CurriculumJson.Options));
    }
}
