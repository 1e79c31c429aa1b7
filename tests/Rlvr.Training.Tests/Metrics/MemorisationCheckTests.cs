using Rlvr.Training.Metrics;

namespace Rlvr.Training.Tests.Metrics;

public sealed class MemorisationCheckTests
{
    [Fact]
    public void ADistributionWhosePassRateRunsAQuarterAboveItsHeldOutAccuracyIsFlagged()
    {
        var latest = Step(12, ("a", 0.95), ("b", 0.6), ("c", 0.5));
        var evaluations = new[] { Evaluation(0, ("a", 0.0), ("b", 0.0), ("c", 0.0)), Evaluation(10, ("a", 0.5), ("b", 0.4), ("c", 0.25)) };

        var signs = MemorisationCheck.Find(latest, evaluations);

        // a: 0.45 above, c: exactly the gap; b: 0.2, within chance.
        Assert.Equal([new MemorisationSign("a", 0.95, 0.5), new MemorisationSign("c", 0.5, 0.25)], signs);
    }

    [Fact]
    public void TheEvaluationBeforeTrainingDoesNotCount()
    {
        // A campaign that learned fast since its warm start: nothing to say until an evaluation after training began.
        Assert.Empty(MemorisationCheck.Find(Step(5, ("a", 0.9)), [Evaluation(0, ("a", 0.1))]));
        Assert.Empty(MemorisationCheck.Find(null, [Evaluation(0, ("a", 0.1)), Evaluation(5, ("a", 0.1))]));
    }

    [Fact]
    public void TheLatestEvaluationIsTheOneCompared()
    {
        var evaluations = new[] { Evaluation(20, ("a", 0.8)), Evaluation(10, ("a", 0.1)) };

        Assert.Empty(MemorisationCheck.Find(Step(25, ("a", 0.9)), evaluations));
        Assert.Single(MemorisationCheck.Find(Step(25, ("a", 0.9)), [evaluations[1]]));
    }

    private static StepMetrics Step(long step, params (string Name, double PassRate)[] rates) =>
        new(step, step, rates.ToDictionary(r => r.Name, r => r.PassRate), new PhaseTimings(0, 0, 0, 0, 0, 0), null, new Dictionary<string, double?>());

    private static EvaluationResult Evaluation(long step, params (string Name, double Sampled)[] accuracy) =>
        new(step, step, accuracy.ToDictionary(a => a.Name, a => 1.0), accuracy.ToDictionary(a => a.Name, a => a.Sampled));
}
