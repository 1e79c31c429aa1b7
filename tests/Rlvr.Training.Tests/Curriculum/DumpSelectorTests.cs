using Rlvr.Training.Curriculum;
using Rlvr.Training.Determinism;

namespace Rlvr.Training.Tests.Curriculum;

public class DumpSelectorTests
{
    [Fact]
    public void ProbabilitiesAreUniformBeforeTheFirstUpdate()
    {
        var dump = new DumpSelector(Fixtures.Catalog(("a", 5), ("b", 5), ("c", 5)), new DumpOptions());
        Assert.All(dump.View().Distributions, d =>
        {
            Assert.Equal(1.0 / 3, d.Probability!.Value, 12);
            Assert.Null(d.UcbScore);
        });
    }

    [Fact]
    public void UcbAndSoftmaxMatchHandComputedValues()
    {
        // a: |A| window [1, 1], n_a = 2; b: [0, 0, 0, 0], n_b = 4; n_total = 6; c = 1, tau = 1.
        // UCB(a) = 1 + sqrt(2 ln 7 / 3) = 2.138979..., UCB(b) = sqrt(2 ln 7 / 5) = 0.882249...
        var dump = new DumpSelector(Fixtures.Catalog(("a", 3), ("b", 3)), new DumpOptions(WindowSize: 300, Exploration: 1, Temperature: 1));
        dump.ObserveTraining(0, [Fixtures.WithAdvantages("a#0", 1, -1), Fixtures.WithAdvantages("b#0", 0, 0), Fixtures.WithAdvantages("b#1", 0, 0)]);
        var view = dump.View().Distributions.ToDictionary(d => d.Name);
        Assert.Equal(2.1389791186424545, view["a"].UcbScore!.Value, 12);
        Assert.Equal(0.8822494316360455, view["b"].UcbScore!.Value, 12);
        Assert.Equal(0.7784626279350748, view["a"].Probability!.Value, 12);
        Assert.Equal(0.2215373720649252, view["b"].Probability!.Value, 12);
        Assert.Equal(1.0, view["a"].WindowMeanAbsAdvantage);
        Assert.Equal(4, view["b"].Rollouts);
    }

    [Fact]
    public void UnseenDistributionKeepsItsExplorationBonus()
    {
        // c = 0.5, tau = 0.1; a: |A| [0.5, 0.5, 1] (mean 2/3, n 3), b: [0, 0.2] (n 2), c unseen (n 0); n_total = 5.
        var dump = new DumpSelector(Fixtures.Catalog(("a", 3), ("b", 3), ("c", 3)), new DumpOptions(300, Exploration: 0.5, Temperature: 0.1));
        dump.ObserveTraining(0, [Fixtures.WithAdvantages("a#0", 0.5, -0.5, 1.0), Fixtures.WithAdvantages("b#2", 0.0, -0.2)]);
        var p = dump.View().Distributions.ToDictionary(d => d.Name, d => d.Probability!.Value);
        Assert.Equal(0.8682476531136399, p["a"], 12);
        Assert.Equal(0.00624597817248575, p["b"], 12);
        Assert.Equal(0.12550636871387427, p["c"], 12);
    }

    [Fact]
    public void WindowKeepsOnlyTheLastKValuesWhileCountsKeepGrowing()
    {
        var dump = new DumpSelector(Fixtures.Catalog(("a", 3), ("b", 3)), new DumpOptions(WindowSize: 3));
        dump.ObserveTraining(0, [Fixtures.WithAdvantages("a#0", 4, -4)]);
        dump.ObserveTraining(1, [Fixtures.WithAdvantages("a#1", 1, -1, 1)]);
        Assert.Equal([1.0, 1.0, 1.0], dump.Arms["a"].Window);
        Assert.Equal(5, dump.Arms["a"].Count);
    }

    [Fact]
    public void ReferenceResultsNeverEnterTheWindows()
    {
        var dump = new DumpSelector(Fixtures.Catalog(("a", 3), ("b", 3)), new DumpOptions());
        dump.ObserveReference(0, [Fixtures.WithAdvantages("a#0", 1, -1)]);
        Assert.Empty(dump.Arms["a"].Window);
        Assert.All(dump.View().Distributions, d => Assert.Equal(0.5, d.Probability));
    }

    [Fact]
    public void SlotsDrawDistributionsInProportionToTheirProbability()
    {
        var dump = new DumpSelector(Fixtures.Catalog(("a", 3), ("b", 3)), new DumpOptions(300, 1, 1));
        dump.ObserveTraining(0, [Fixtures.WithAdvantages("a#0", 1, -1), Fixtures.WithAdvantages("b#0", 0, 0), Fixtures.WithAdvantages("b#1", 0, 0)]);
        var picks = dump.SelectPrompts(1, 4000, new DeterministicRng(1));
        Assert.InRange(picks.Count(p => p.Distribution == "a") / 4000.0, 0.75, 0.81);
        Assert.Equal(3, picks.Where(p => p.Distribution == "a").Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void StateRoundTripsThroughJson()
    {
        var catalog = Fixtures.Catalog(("a", 3), ("b", 3));
        var dump = new DumpSelector(catalog, new DumpOptions(300, 1, 0.5));
        dump.ObserveTraining(0, [Fixtures.WithAdvantages("a#0", 1, -1), Fixtures.WithAdvantages("b#0", 0.3, -0.3)]);
        var restored = new DumpSelector(catalog, new DumpOptions(300, 1, 0.5));
        restored.ImportState(dump.ExportState());
        Assert.Equal(CurriculumJson.Serialize(dump.View()), CurriculumJson.Serialize(restored.View()));
        Assert.Equal(dump.SelectPrompts(1, 20, new DeterministicRng(5)), restored.SelectPrompts(1, 20, new DeterministicRng(5)));
    }
}
