using Rlvr.Training.Metrics;
using Rlvr.Training.Sweeps;

namespace Rlvr.Training.Tests.Sweeps;

/// <summary>The comparison's numbers, worked out by hand from small campaigns (see each value's comment).</summary>
public class SweepComparisonTests
{
    private const double Tolerance = 1e-12;

    // Arm a, seed 1: 4 steps of 10 rollouts, 1 s each; evaluations at steps 0, 2, 4.
    // Trailing sampled: 0.1, (0.1 + 0.4) / 2 = 0.25, (0.1 + 0.4 + 0.7) / 3 = 0.4; greedy: 0.2, 0.2, 0.3. Rollouts 0, 20, 40.
    private static readonly SweepRun A1 = Run("s.a.seed-1", "a", 1, Steps(4, 10, 1000), (0, 0.1, 0.2), (2, 0.4, 0.2), (4, 0.7, 0.5));

    // Arm a, seed 2: 4 steps of 10 rollouts, 2 s each. Trailing sampled 0.2, 0.2, 0.3; greedy 0.4 throughout.
    private static readonly SweepRun A2 = Run("s.a.seed-2", "a", 2, Steps(4, 10, 2000), (0, 0.2, 0.4), (2, 0.2, 0.4), (4, 0.5, 0.4));

    // Arm b, seed 1: 2 steps of 15 rollouts, 0.5 s each; evaluations at 0, 1, 2. Trailing sampled 0.36, 0.43, 0.52;
    // greedy 0.1. Its step-0 accuracy is above the target, which must not count as reaching it.
    private static readonly SweepRun B1 = Run("s.b.seed-1", "b", 1, Steps(2, 15, 500), (0, 0.36, 0.1), (1, 0.5, 0.1), (2, 0.7, 0.1));

    // Arm b, seed 2: still running, so left out and named.
    private static readonly SweepRun B2 = Run("s.b.seed-2", "b", 2, Steps(1, 15, 500), (0, 0.9, 0.9), (1, 0.9, 0.9)) with { Finished = false };

    [Fact]
    public void ArmsAreComparedOverTheirCompletedSeeds()
    {
        var result = SweepComparison.Compare([A1, A2, B1, B2], "a");

        // Reference: arm a's final sampled, (0.4 + 0.3) / 2. Budget: the fewest rollouts of a completed campaign, b's 30.
        Assert.Equal(0.35, result.ReferenceAccuracy!.Value, Tolerance);
        Assert.Equal(30, result.RolloutBudget);
        Assert.Equal(["s.b.seed-2"], result.Unfinished);
        Assert.Equal(["a", "b"], result.Arms.Select(a => a.Arm));

        var a = result.Arms[0];
        Assert.Equal((2, 2), (a.Seeds, a.Finished));
        Assert.Equal(0.35, a.FinalSampledMean!.Value, Tolerance);
        Assert.Equal(Math.Sqrt(0.005), a.FinalSampledStd!.Value, Tolerance); // deviations +-0.05, n - 1 = 1
        Assert.Equal(0.35, a.FinalGreedyMean!.Value, Tolerance); // 0.3 and 0.4
        Assert.Equal(Math.Sqrt(0.005), a.FinalGreedyStd!.Value, Tolerance);
        // Seed 1 reaches 0.35 at its step-4 evaluation (40 rollouts); seed 2 ends at 0.3 and never does.
        Assert.Equal((40.0, 1), (a.RolloutsToReference, a.ReachedSeeds));
        // Within 30 rollouts: each seed's step-2 evaluation (20 rollouts): 0.25 and 0.2.
        Assert.Equal(0.225, a.AccuracyAtBudgetMean!.Value, Tolerance);
        Assert.Equal(Math.Sqrt(2 * 0.025 * 0.025), a.AccuracyAtBudgetStd!.Value, Tolerance);
        Assert.Equal(6.0, a.WallSecondsMean!.Value, Tolerance); // 4 s and 8 s

        var b = result.Arms[1];
        Assert.Equal((2, 1), (b.Seeds, b.Finished));
        Assert.Equal(0.52, b.FinalSampledMean!.Value, Tolerance);
        Assert.Equal(0.0, b.FinalSampledStd);
        Assert.Equal(0.1, b.FinalGreedyMean!.Value, Tolerance);
        // 0.43 at its step-1 evaluation, 15 rollouts (its 0.36 at step 0 does not count).
        Assert.Equal((15.0, 1), (b.RolloutsToReference, b.ReachedSeeds));
        Assert.Equal(0.52, b.AccuracyAtBudgetMean!.Value, Tolerance); // its last evaluation, at exactly 30 rollouts
        Assert.Equal(1.0, b.WallSecondsMean!.Value, Tolerance);
    }

    [Fact]
    public void WithoutACompletedReferenceSeedNothingIsReachedAndAnArmWithoutCompletedSeedsHasNoFigures()
    {
        var result = SweepComparison.Compare([A1 with { Finished = false }, B1, B2 with { Arm = "c" }], "a");

        Assert.Null(result.ReferenceAccuracy);
        Assert.Equal(30, result.RolloutBudget);
        Assert.All(result.Arms, arm => Assert.Equal((null, 0), (arm.RolloutsToReference, arm.ReachedSeeds)));
        var c = result.Arms.Single(x => x.Arm == "c");
        Assert.Equal((1, 0), (c.Seeds, c.Finished));
        Assert.Null(c.FinalSampledMean);
        Assert.Null(c.AccuracyAtBudgetMean);
        Assert.Null(c.WallSecondsMean);
    }

    [Fact]
    public void AStepCountsItsGroupsAndReferenceGroupsTimesTheGroupSizeAndItsWallTimeLessTheEvaluation()
    {
        var timings = new PhaseTimings(1, 2, 3, 4, 5, EvaluationMs: 6, WallMs: 100);
        var step = new StepMetrics(7, 7, new Dictionary<string, double>(), timings, null,
            new Dictionary<string, double?> { ["groups_generated"] = 12, ["reference_groups"] = 3 });

        Assert.Equal(new SweepRunStep(7, (12 + 3) * 8, 94), SweepRunStep.Of(step, 8));
        // A step logged before wall times were: the phases' sum (21) less the evaluation.
        Assert.Equal(15, SweepRunStep.Of(step with { Phases = timings with { WallMs = 0 } }, 8).TrainingMs);
    }

    private static SweepRun Run(string id, string arm, ulong seed, List<SweepRunStep> steps, params (long Step, double Sampled, double Greedy)[] evaluations) =>
        new(id, arm, seed, true, steps, evaluations.Select(e => new SweepRunEvaluation(e.Step, e.Sampled, e.Greedy)).ToList());

    private static List<SweepRunStep> Steps(int count, long rollouts, double ms) =>
        Enumerable.Range(1, count).Select(s => new SweepRunStep(s, rollouts, ms)).ToList();
}
