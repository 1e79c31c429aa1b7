using Rlvr.Training.Curriculum;
using Rlvr.Training.Determinism;
using Rlvr.Training.Filters;

namespace Rlvr.Training.Tests.Curriculum;

public sealed class GresoSelectorTests
{
    [Fact]
    public void TheCutOffsAreAllAndNoneCorrectForAnyGroupSize()
    {
        // G = 8: all correct means a pass rate above 1 - 1/16 = 0.9375 (the paper's 0.98), none above below 0.0625 (its 0.11).
        Assert.True(GresoSkipRule.IsAllCorrect(1.0, 8));
        Assert.False(GresoSkipRule.IsAllCorrect(7 / 8.0, 8));
        Assert.True(GresoSkipRule.IsNoneCorrect(0.0, 8));
        Assert.False(GresoSkipRule.IsNoneCorrect(1 / 8.0, 8));
        // G = 32: 31/32 = 0.96875 is below 1 - 1/64 = 0.984, and 1/32 = 0.03125 above 1/64: the fixed 0.98 and 0.11 would misjudge both.
        Assert.False(GresoSkipRule.IsAllCorrect(31 / 32.0, 32));
        Assert.False(GresoSkipRule.IsNoneCorrect(1 / 32.0, 32));
    }

    [Fact]
    public void TheKeepProbabilityIsPToTheRunWithAFloor()
    {
        Assert.Equal(0.25, GresoSkipRule.KeepProbability(0.5, 2, 0.01)); // 0.5^2
        Assert.Equal(0.01, GresoSkipRule.KeepProbability(0.5, 10, 0.01)); // 0.5^10 = 0.00098 < floor
    }

    [Fact]
    public void SelfTuningMovesByTheStepAndStaysInItsRange()
    {
        Assert.Equal(0.49, GresoSkipRule.Tune(0.5, 0.25, 0.25 / 3, 0.01, 0.05, 0.95), 12); // 0.25 >= 0.0833: skip more
        Assert.Equal(0.51, GresoSkipRule.Tune(0.5, 0.05, 0.25 / 3, 0.01, 0.05, 0.95), 12); // below target: skip less
        Assert.Equal(0.05, GresoSkipRule.Tune(0.05, 1.0, 0.25 / 3, 0.01, 0.05, 0.95), 12); // 0.04 clipped
        Assert.Equal(0.95, GresoSkipRule.Tune(0.95, 0.0, 0.5, 0.01, 0.05, 0.95), 12); // 0.96 clipped
    }

    [Fact]
    public void APromptAllCorrectTwiceIsKeptAQuarterOfTheTime()
    {
        // a#0 all correct in its last 2 groups (keep 0.5^2 = 0.25), a#1 mixed (always kept). A round of 1 draws a#0 first
        // half the time and keeps it then with 0.25, so a#0 is chosen with 0.5 * 0.25 = 0.125.
        var chosen = 0;
        const int Trials = 4000;
        var selector = Trained(Fixtures.Catalog(("a", 2)), ("a#0", [1, 1, 1, 1]), ("a#1", [1, 0, 1, 0]));
        Observe(selector, 2, ("a#0", [1, 1, 1, 1]));
        for (var seed = 0; seed < Trials; seed++)
        {
            chosen += selector.SelectPrompts(3, 1, new DeterministicRng((ulong)seed)).Single().Id == "a#0" ? 1 : 0;
        }
        Assert.InRange(chosen / (double)Trials, 0.11, 0.14);
    }

    [Fact]
    public void SkipsAreRecordedWithTheirReasonPredictionAndCount()
    {
        var selector = Trained(Fixtures.Catalog(("a", 3)), ("a#0", [0, 0, 0, 0]), ("a#1", [1, 0, 0, 0]), ("a#2", [1, 1, 0, 0]));
        for (var step = 2; step < 40; step++)
        {
            var picks = selector.SelectPrompts(step, 1, RngFactory.Create(7, step, "curriculum/select/0"));
            Observe(selector, step, [.. picks.Select(p => (p.Id, p.Id == "a#0" ? new double[] { 0, 0, 0, 0 } : [1, 0, 1, 0]))]);
        }
        var a0 = selector.View().Prompts.Single(p => p.PromptId == "a#0");
        Assert.True(a0.Skips > 0);
        Assert.Equal(0.0, a0.PredictedPassRate);
        Assert.Contains("all wrong in its last", a0.Reason, StringComparison.Ordinal);
        Assert.Equal(a0.Reason!.StartsWith("skipped", StringComparison.Ordinal) ? 0 : 4, a0.Budget);
    }

    [Fact]
    public void PEasyAndPHardTuneOnlyOnceTheSkipRuleHadATraceToTest()
    {
        var selector = new GresoSelector(Fixtures.Catalog(("a", 4)), new GresoOptions(), groupSize: 4);
        selector.SelectPrompts(1, 4, new DeterministicRng(1)); // all unseen: nothing tested
        Observe(selector, 1, ("a#0", [1, 1, 1, 1]), ("a#1", [1, 0, 0, 0]), ("a#2", [1, 0, 0, 1]), ("a#3", [0, 1, 1, 1]));
        Assert.Equal((0.5, 0.5), (selector.PEasy, selector.PHard));

        selector.SelectPrompts(2, 4, new DeterministicRng(2));
        // 1 of 4 groups all correct: 0.25 >= alpha/3 = 0.083, p_easy - 0.01; none all wrong: 0 < 2 alpha/3, p_hard + 0.01.
        Observe(selector, 2, ("a#0", [1, 1, 1, 1]), ("a#1", [1, 0, 0, 0]), ("a#2", [1, 0, 0, 1]), ("a#3", [0, 1, 1, 1]));
        Assert.Equal(0.49, selector.PEasy, 12);
        Assert.Equal(0.51, selector.PHard, 12);
    }

    [Fact]
    public void UnderDynamicSamplingTheDroppedGroupsStillReachTheTraces()
    {
        var selector = new GresoSelector(Fixtures.Catalog(("a", 3)), new GresoOptions(), groupSize: 2);
        var accumulator = new BatchAccumulator(new DynamicSamplingFilter(), batchSize: 2, maxRounds: 3, observer: selector);
        accumulator.BeginStep(1);
        accumulator.AddRound([Fixtures.Group("a#0", 0, 1, 1), Fixtures.Group("a#1", 0, 1, 0), Fixtures.Group("a#2", 0, 0, 1)]);
        selector.ObserveTraining(1, [.. accumulator.TakeBatch().Select(g => g.ToOutcome())]);

        var state = CurriculumJson.Deserialize<GresoState>(selector.ExportState(), "greso");
        Assert.Equal(1, state.Traces["a#0"].AllCorrectRun); // dropped by the filter, seen by GRESO
        Assert.Equal(["a#1", "a#2"], state.Ledger.Prompts.Keys.Order());
    }

    [Fact]
    public void ExportedStateReproducesTheNextDecisions()
    {
        var catalog = Fixtures.Catalog(("a", 30), ("b", 30));
        var original = new GresoSelector(catalog, new GresoOptions(), groupSize: 4);
        Run(original, 1, 6);
        var restored = new GresoSelector(catalog, new GresoOptions(), groupSize: 4);
        restored.ImportState(original.ExportState());

        Run(original, 6, 10);
        Run(restored, 6, 10);

        Assert.Equal(original.ExportState(), restored.ExportState());
        Assert.Equal(original.PEasy, restored.PEasy);
    }

    [Fact]
    public void TheSameSeedGivesTheSameSelections()
    {
        var catalog = Fixtures.Catalog(("a", 50));
        var first = new GresoSelector(catalog, new GresoOptions(), groupSize: 4);
        var second = new GresoSelector(catalog, new GresoOptions(), groupSize: 4);
        Assert.Equal(Run(first, 1, 12), Run(second, 1, 12));
        Assert.Equal(first.ExportState(), second.ExportState());
    }

    /// <summary>Steps [from, to) of 8 prompts each; a prompt's rewards depend on its id only, so some are always solved or failed.</summary>
    private static List<string> Run(GresoSelector selector, int from, int to)
    {
        var picks = new List<string>();
        for (var step = from; step < to; step++)
        {
            var prompts = selector.SelectPrompts(step, 8, RngFactory.Create(3, step, "curriculum/select/0"));
            picks.AddRange(prompts.Select(p => p.Id));
            Observe(selector, step, [.. prompts.Select(p => (p.Id, Rewards(p.Id)))]);
        }
        return picks;
    }

    private static double[] Rewards(string id) => (int.Parse(id.Split('#')[1], System.Globalization.CultureInfo.InvariantCulture) % 3) switch
    {
        0 => [1, 1, 1, 1],
        1 => [0, 0, 0, 0],
        _ => [1, 0, 0, 1],
    };

    private static GresoSelector Trained(Rlvr.Training.Tasks.TaskCatalog catalog, params (string Id, double[] Rewards)[] first)
    {
        var selector = new GresoSelector(catalog, new GresoOptions(), groupSize: 4);
        Observe(selector, 1, first);
        return selector;
    }

    /// <summary>The groups as a generation round reports them, then the step's end with them as its batch.</summary>
    private static void Observe(GresoSelector selector, long step, params (string Id, double[] Rewards)[] groups)
    {
        var generated = groups.Select(g => Fixtures.Group(g.Id, step, g.Rewards)).ToList();
        selector.ObserveGenerated(step, generated);
        selector.ObserveTraining(step, [.. generated.Select(g => g.ToOutcome())]);
    }
}
