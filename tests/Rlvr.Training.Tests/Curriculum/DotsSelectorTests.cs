using Rlvr.Training.Curriculum;
using Rlvr.Training.Determinism;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Tests.Curriculum;

public class DotsSelectorTests
{
    [Fact]
    public void SelectsTheDifficultiesClosestToAlphaWithoutRepeatsInARound()
    {
        var catalog = Fixtures.Catalog(("d", 5));
        var dots = WithPredictions(catalog, new DotsOptions(), 0.1, 0.45, 0.5, 0.9, 0.52);
        var first = dots.SelectPrompts(1, 2, new DeterministicRng(1)).Select(p => p.Id).ToHashSet();
        Assert.Equal(new HashSet<string> { "d#2", "d#4" }, first);
        var second = dots.SelectPrompts(2, 2, new DeterministicRng(2)).Select(p => p.Id).ToList();
        Assert.Equal("d#1", second[0]);
        Assert.DoesNotContain(second, first.Contains);
    }

    [Fact]
    public void SelectionProbabilityFollowsTheExponentialWeight()
    {
        // tau = 0.1: |d - 0.5| differs by tau * ln 2, so the closer prompt is drawn first with probability 2/3.
        var catalog = Fixtures.Catalog(("d", 2));
        var state = Predictions(catalog, 0.5, 0.5 + 0.1 * Math.Log(2));
        var firstCount = 0;
        for (var trial = 0; trial < 3000; trial++)
        {
            var dots = new DotsSelector(catalog, new DotsOptions(Temperature: 0.1), new HashedNGramEmbedder());
            dots.ImportState(state);
            firstCount += dots.SelectPrompts(0, 1, new DeterministicRng((ulong)trial))[0].Id == "d#0" ? 1 : 0;
        }
        Assert.InRange(firstCount / 3000.0, 0.64, 0.70);
    }

    [Fact]
    public void ReferenceRoundsComeEveryMuSteps()
    {
        var catalog = Fixtures.Catalog(("a", 10), ("b", 10));
        var dots = new DotsSelector(catalog, new DotsOptions(ReferenceInterval: 2, ReferenceSize: 6), new HashedNGramEmbedder());
        var reference = dots.ReferencePrompts(0, new DeterministicRng(1));
        Assert.Equal(6, reference.Select(p => p.Id).Distinct().Count());
        dots.ObserveReference(0, reference.Select((p, i) => Fixtures.Outcome(p.Id, [i % 2, 1, 0, 0])).ToList());
        Assert.Empty(dots.ReferencePrompts(1, new DeterministicRng(2)));
        Assert.Equal(6, dots.ReferencePrompts(2, new DeterministicRng(3)).Count);
        Assert.Equal(20, dots.Predictions.Count);
    }

    [Fact]
    public void PredictsByAttentionOverTheReferenceSet()
    {
        // Query [1, 0]; references [1, 0] with d 0.2 and [0, 1] with d 0.8; T = 1:
        // a = (e, 1) / (e + 1), d^ = 0.2 + 0.6 / (e + 1) = 0.361364...
        var catalog = Fixtures.Catalog(("d", 3));
        var embedder = new TableEmbedder(new() { ["d:0"] = [1, 0], ["d:1"] = [0, 1], ["d:2"] = [2, 0] });
        var dots = new DotsSelector(catalog, new DotsOptions(AttentionTemperature: 1, Calibration: DifficultyCalibration.None), embedder);
        dots.ObserveReference(0, [Fixtures.Outcome("d#0", [1, 1, 1, 1, 0]), Fixtures.Outcome("d#1", [1, 0, 0, 0, 0])]);
        Assert.Equal(0.36136485282199704, dots.Predictions["d#2"].Difficulty, 12);
        Assert.Equal(0.2, dots.Predictions["d#0"].Difficulty, 12);
        // Leave-one-out: each reference is predicted by the other alone, so the correlation is -1.
        Assert.Equal(-1.0, dots.Rounds[0].ReferenceCorrelation!.Value, 12);
    }

    [Fact]
    public void ObservedCorrelationIsRecordedWhenTheNextRoundStarts()
    {
        var catalog = Fixtures.Catalog(("d", 4));
        var dots = WithPredictions(catalog, new DotsOptions(), 0.2, 0.4, 0.6, 0.8);
        dots.ObserveTraining(1, [Fixtures.Outcome("d#0", [1, 1, 1, 0]), Fixtures.Outcome("d#1", [1, 1, 0, 0]), Fixtures.Outcome("d#3", [0, 0, 0, 0])]);
        dots.ObserveReference(2, [Fixtures.Outcome("d#0", [1, 0]), Fixtures.Outcome("d#1", [1, 1])]);
        // Predicted 0.2, 0.4, 0.8 against observed 0.25, 0.5, 1.0: exactly linear.
        Assert.Equal(1.0, dots.Rounds[0].ObservedCorrelation!.Value, 12);
        Assert.Equal(3, dots.Rounds[0].Observed);
        Assert.Equal(2, dots.Rounds.Count);
    }

    [Fact]
    public void LinearCalibrationIsLeastSquares()
    {
        var fit = Calibration.Fit(DifficultyCalibration.Linear, [0.1, 0.4, 0.5, 0.9], [0.2, 0.3, 0.7, 0.8]);
        Assert.Equal(0.7938931297709924, fit.Slope, 12);
        Assert.Equal(0.12290076335877864, fit.Intercept, 12);
        Assert.Equal(0.8910068068039617, Statistics.Pearson([0.1, 0.4, 0.5, 0.9], [0.2, 0.3, 0.7, 0.8])!.Value, 12);
    }

    [Fact]
    public void PlattCalibrationRecoversAKnownSigmoid()
    {
        double[] x = [0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95];
        var y = x.Select(v => Statistics.Sigmoid(2 * Statistics.Logit(v) - 0.5)).ToArray();
        var fit = Calibration.Fit(DifficultyCalibration.Platt, x, y);
        Assert.Equal(2.0, fit.Slope, 4);
        Assert.Equal(-0.5, fit.Intercept, 4);
    }

    [Fact]
    public void StateRoundTripsThroughJson()
    {
        var catalog = Fixtures.Catalog(("a", 10), ("b", 10));
        var dots = new DotsSelector(catalog, new DotsOptions(ReferenceSize: 6), new HashedNGramEmbedder());
        var reference = dots.ReferencePrompts(0, new DeterministicRng(1));
        dots.ObserveReference(0, reference.Select((p, i) => Fixtures.Outcome(p.Id, [i % 2, i % 3 == 0 ? 1 : 0])).ToList());
        dots.SelectPrompts(0, 3, new DeterministicRng(2));
        var restored = new DotsSelector(catalog, new DotsOptions(ReferenceSize: 6), new HashedNGramEmbedder());
        restored.ImportState(dots.ExportState());
        Assert.Equal(dots.ExportState(), restored.ExportState());
        Assert.Equal(dots.SelectPrompts(1, 4, new DeterministicRng(3)), restored.SelectPrompts(1, 4, new DeterministicRng(3)));
    }

    private static DotsSelector WithPredictions(TaskCatalog catalog, DotsOptions options, params double[] difficulties)
    {
        var dots = new DotsSelector(catalog, options, new HashedNGramEmbedder());
        dots.ImportState(Predictions(catalog, difficulties));
        return dots;
    }

    private static string Predictions(TaskCatalog catalog, params double[] difficulties)
    {
        var state = new DotsState { LastReferenceStep = 0 };
        state.Rounds.Add(new DotsRound(0, 2, 0.5, Calibration.Identity, null, null, 0));
        for (var i = 0; i < difficulties.Length; i++)
        {
            var prompt = catalog.TrainingPrompts[i];
            state.Predicted[prompt.Id] = new PredictedPrompt(prompt.Distribution, difficulties[i]);
        }
        return CurriculumJson.Serialize(state);
    }

    private sealed class TableEmbedder(Dictionary<string, float[]> table) : IPromptEmbedder
    {
        public IReadOnlyList<float[]> Embed(IReadOnlyList<TaskPrompt> prompts) => prompts.Select(p => table[p.Text]).ToList();
    }
}
