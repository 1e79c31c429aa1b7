using Rlvr.Training.Curriculum;
using Rlvr.Training.Determinism;

namespace Rlvr.Training.Tests.Curriculum;

public sealed class DpsSelectorTests
{
    [Fact]
    public void OneObservationOfAPartialGroupPredictsPartialNext()
    {
        double[] a = new double[9], pi = new double[3], piPrev = new double[3];
        SolveStateHmm.Reset(a, pi, piPrev);

        SolveStateHmm.Observe(a, pi, piPrev, SolveStateHmm.Partial, lambda: 0.7);

        // P^ = 1/3 everywhere, so U[partial, i] = (1/3)(1/3) / (3 (1/3)(1/3)) = 1/3; A = 0.7 + 0.3 + U: row partial 4/3, others 1.
        Assert.Equal([1, 1, 1, 4 / 3.0, 4 / 3.0, 4 / 3.0, 1, 1, 1], a, Tolerance);
        // pi = column partial of P^new = (1, 4/3, 1) / (10/3) = (0.3, 0.4, 0.3).
        Assert.Equal([0.3, 0.4, 0.3], pi, Tolerance);
        Assert.Equal([0, 1, 0], piPrev);
    }

    [Fact]
    public void ASolvedGroupAfterAPartialOneCountsThatTransition()
    {
        double[] a = new double[9], pi = new double[3], piPrev = new double[3];
        SolveStateHmm.Reset(a, pi, piPrev);
        SolveStateHmm.Observe(a, pi, piPrev, SolveStateHmm.Partial, lambda: 0.7);

        SolveStateHmm.Observe(a, pi, piPrev, SolveStateHmm.Solved, lambda: 0.7);

        // pi_prev = (0, 1, 0): U is 1 at [solved, partial]. A = 0.7 A + 0.3 + U: row partial 0.7 * 4/3 + 0.3 = 1.2333,
        // A[solved, partial] = 1 + 1 = 2, the rest 1. pi = column solved = (1, 1.2333, 1) / 3.2333.
        const double Row = (0.7 * 4 / 3.0) + 0.3;
        Assert.Equal([1, 1, 1, Row, Row, Row, 1, 2, 1], a, Tolerance);
        Assert.Equal([1 / (2 + Row), Row / (2 + Row), 1 / (2 + Row)], pi, Tolerance);
        Assert.Equal(0.381443, pi[1], 6);
    }

    [Fact]
    public void AnUnobservedStepDriftsTheBeliefBackTowardUncertainty()
    {
        double[] a = new double[9], pi = new double[3], piPrev = new double[3];
        SolveStateHmm.Reset(a, pi, piPrev);
        SolveStateHmm.Observe(a, pi, piPrev, SolveStateHmm.Partial, lambda: 0.7);

        SolveStateHmm.Drift(a, pi, lambda: 0.7);

        // Row partial 0.7 * 4/3 + 0.3 = 1.2333; every column (1, 1.2333, 1) / 3.2333, so pi = that column: 0.4 -> 0.3814.
        Assert.Equal([0.309278, 0.381443, 0.309278], pi, SixPlaces);
        Assert.Equal([0, 1, 0], piPrev);
    }

    [Fact]
    public void TheEntropyBonusAddsWTimesTheBeliefsEntropy()
    {
        // H(0.3, 0.4, 0.3) = -(2 * 0.3 ln 0.3 + 0.4 ln 0.4) = 0.72238 + 0.36652 = 1.08890; H(uniform) = ln 3 = 1.098612.
        Assert.Equal(0.4, SolveStateHmm.Score([0.3, 0.4, 0.3], 0));
        Assert.Equal(0.4 + 1.08890, SolveStateHmm.Score([0.3, 0.4, 0.3], 1), 5);
        Assert.Equal((1 / 3.0) + 1.098612, SolveStateHmm.Score([1 / 3.0, 1 / 3.0, 1 / 3.0], 1), 5);
        Assert.Equal(0.5, SolveStateHmm.PredictedPassRate([0.3, 0.4, 0.3]), 12); // 0.3 + 0.4 / 2
    }

    [Fact]
    public void TheTopCandidatesByPartialBeliefAreChosenAndTiesKeepTheDrawOrder()
    {
        var selector = new DpsSelector(Fixtures.Catalog(("a", 4)), new DpsOptions(Kappa: 4), groupSize: 4);
        Observe(selector, 1, ("a#0", [1, 1, 1, 1]), ("a#1", [1, 0, 0, 0]), ("a#2", [0, 0, 0, 0]));

        // Every prompt is a candidate (kappa 4 x 1 >= 4): a#1 has pi[partial] 0.4, a#3 (unseen) 1/3, a#0 and a#2 0.3.
        Assert.Equal("a#1", selector.SelectPrompts(2, 1, new DeterministicRng(5)).Single().Id);
        Assert.Equal(["a#1", "a#3"], selector.SelectPrompts(2, 2, new DeterministicRng(6)).Select(p => p.Id));

        // Unseen prompts all tie at 1/3: a fresh selector takes the first candidates drawn.
        var fresh = new DpsSelector(Fixtures.Catalog(("a", 4)), new DpsOptions(Kappa: 1), groupSize: 4);
        var rng = new DeterministicRng(9);
        var drawn = new DistinctDraws(4);
        var expected = new[] { drawn.Next(rng), drawn.Next(rng) }.Select(i => $"a#{i}");
        Assert.Equal(expected, fresh.SelectPrompts(1, 2, new DeterministicRng(9)).Select(p => p.Id));
    }

    [Fact]
    public void EveryObservedPromptNotRolledOutDriftsEachStepAndUnseenOnesStayAtThePrior()
    {
        var selector = new DpsSelector(Fixtures.Catalog(("a", 3)), new DpsOptions(), groupSize: 4);
        Observe(selector, 1, ("a#0", [1, 0, 0, 0]));
        Observe(selector, 2, ("a#1", [1, 1, 1, 1]));

        Assert.Equal([0.309278, 0.381443, 0.309278], selector.BeliefOf("a#0"), SixPlaces);
        Assert.Equal([0.3, 0.3, 0.4], selector.BeliefOf("a#1"), Tolerance);
        Assert.Equal([1 / 3.0, 1 / 3.0, 1 / 3.0], selector.BeliefOf("a#2"));
    }

    [Fact]
    public void CandidatesNotChosenAreRecordedAsSkipped()
    {
        var selector = new DpsSelector(Fixtures.Catalog(("a", 4)), new DpsOptions(Kappa: 4), groupSize: 4);
        Observe(selector, 1, ("a#0", [1, 1, 1, 1]), ("a#1", [1, 0, 0, 0]));
        var picks = selector.SelectPrompts(2, 1, new DeterministicRng(5));
        Observe(selector, 2, ("a#1", [1, 0, 1, 0]));

        var rows = selector.View().Prompts.ToDictionary(p => p.PromptId);
        Assert.Equal((4, 0L), (rows["a#1"].Budget!.Value, rows["a#1"].Skips));
        Assert.Equal((0, 1L), (rows["a#0"].Budget!.Value, rows["a#0"].Skips));
        Assert.Equal(0.4 + (0.3 / 2), rows["a#0"].PredictedPassRate!.Value, 12); // pi = (0.3, 0.3, 0.4): solved + partial / 2
        Assert.StartsWith("not chosen", rows["a#0"].Reason, StringComparison.Ordinal);
        Assert.Equal("a#1", picks.Single().Id);
    }

    [Fact]
    public void ExportedStateReproducesTheNextDecisions()
    {
        var catalog = Fixtures.Catalog(("a", 40));
        var original = new DpsSelector(catalog, new DpsOptions(Kappa: 4), groupSize: 4);
        Run(original, 1, 6);
        var restored = new DpsSelector(catalog, new DpsOptions(Kappa: 4), groupSize: 4);
        restored.ImportState(original.ExportState());

        Assert.Equal(Run(original, 6, 12), Run(restored, 6, 12));
        Assert.Equal(original.ExportState(), restored.ExportState());
    }

    [Fact]
    public void TheSameSeedGivesTheSameSelections()
    {
        var catalog = Fixtures.Catalog(("a", 40));
        Assert.Equal(
            Run(new DpsSelector(catalog, new DpsOptions(Kappa: 4, EntropyWeight: 0.5), groupSize: 4), 1, 10),
            Run(new DpsSelector(catalog, new DpsOptions(Kappa: 4, EntropyWeight: 0.5), groupSize: 4), 1, 10));
    }

    private static readonly ToleranceComparer Tolerance = new(1e-12);

    private static readonly ToleranceComparer SixPlaces = new(5e-7);

    private static List<string> Run(DpsSelector selector, int from, int to)
    {
        var picks = new List<string>();
        for (var step = from; step < to; step++)
        {
            var prompts = selector.SelectPrompts(step, 4, RngFactory.Create(11, step, "curriculum/select/0"));
            picks.AddRange(prompts.Select(p => p.Id));
            Observe(selector, step, [.. prompts.Select(p => (p.Id, ((int.Parse(p.Id[2..], System.Globalization.CultureInfo.InvariantCulture) + step) % 3) switch
            {
                0 => new double[] { 1, 1, 1, 1 },
                1 => [0, 0, 0, 0],
                _ => [1, 0, 0, 1],
            }))]);
        }
        return picks;
    }

    private static void Observe(DpsSelector selector, long step, params (string Id, double[] Rewards)[] groups)
    {
        var generated = groups.Select(g => Fixtures.Group(g.Id, step, g.Rewards)).ToList();
        selector.ObserveGenerated(step, generated);
        selector.ObserveTraining(step, [.. generated.Select(g => g.ToOutcome())]);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
