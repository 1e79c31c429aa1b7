using Rlvr.Torch;
using Rlvr.Training.Allocation;
using Rlvr.Training.Configuration;
using Rlvr.Training.Curriculum;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Tests.Curriculum;

public sealed class PuzzleCraftSelectorTests
{
    private const string TasksYaml = "tasks:\n  builtin:\n    - family: addition\n      levels: [1, 2]\n";

    [Fact]
    public void EachFamilysDistanceMeasuresWhatItsAnswersShare()
    {
        // Addition: "1234" and "1244" differ in 1 of 4 positions; "12" lacks 2 of "1234"'s 4; "12a" is not digits.
        Assert.Equal(0.25, DigitPositionDistance.Instance.Between("1234", "1244"));
        Assert.Equal(0.5, DigitPositionDistance.Instance.Between("12", "1234"));
        Assert.Equal(1, DigitPositionDistance.Instance.Between("12a", "12"));
        // Sorting: "1235" -> "1253" is 2 substitutions of 4; "1235" -> "125" one deletion of 4.
        Assert.Equal(0.5, EditDistance.Instance.Between("1235", "1253"));
        Assert.Equal(0.25, EditDistance.Instance.Between("1235", "125"));
        // Knights of 3 people: "AC" and "A" disagree on C (1 of 3); "-" and "ABC" on everyone; "AA" is no assignment.
        var knights = new KnightsAssignmentDistance(3);
        Assert.Equal(1.0 / 3, knights.Between("AC", "A"), 12);
        Assert.Equal(1, knights.Between("-", "ABC"));
        Assert.Equal(1, knights.Between("AA", "A"));
        Assert.Equal(0, knights.Between("CA", "AC"));
        // Datasets: equality; 4 answers [7, 7, 7, 8] have 3 differing pairs of 6: dispersion 0.5.
        Assert.Equal(0.5, AnswerDispersion.Of(["7", "7", "7", "8"], AnswerInequality.Instance));
    }

    [Fact]
    public void TheDistanceFollowsThePromptsFamilyAndTheAnswerItsVerifier()
    {
        Assert.IsType<DigitPositionDistance>(AnswerDispersion.DistanceFor(new TaskPrompt("x", "addition/2", "21+43=", "640", "exact")));
        Assert.IsType<EditDistance>(AnswerDispersion.DistanceFor(new TaskPrompt("x", "sorting/4", "S5312=", "1235", "exact")));
        Assert.Equal(3, Assert.IsType<KnightsAssignmentDistance>(AnswerDispersion.DistanceFor(new TaskPrompt("x", "knights/3", "A:B,B:~C,C:A|B?", "AC", "exact"))).People);
        Assert.IsType<AnswerInequality>(AnswerDispersion.DistanceFor(new TaskPrompt("x", "addition/2", "21+43=", "640", "numeric")));
        Assert.IsType<AnswerInequality>(AnswerDispersion.DistanceFor(new TaskPrompt("x", "gsm8k", "q", "7", "final_answer")));

        var numeric = new TaskPrompt("x", "data", "q", "7", "numeric");
        Assert.Equal("7", AnswerDispersion.AnswerOf(numeric, Text(" 007 ")));
        Assert.Equal("7", AnswerDispersion.AnswerOf(numeric, Text("7.00")));
        var final = new TaskPrompt("x", "data", "q", "7", "final_answer");
        Assert.Equal("7", AnswerDispersion.AnswerOf(final, Text("3+4 = 7.0")));
        // Token ids decode as the rollout worker decodes them (the end token writes nothing).
        Assert.Equal("57", AnswerDispersion.AnswerOf(new TaskPrompt("x", "addition/1", "q", "57", "exact"), Tokens("57")));
    }

    [Fact]
    public void TheWeightCombinesCollapseAndEasinessByHand()
    {
        // p = 0.75, e = 0.5, kappa = 0.8, alpha = 0.5: 1 - 0.8 * (0.5 * 0.5 + 0.5 * 0.75) = 1 - 0.8 * 0.625 = 0.5.
        Assert.Equal(0.5, ExplorationWeight.Of(0.75, 0.5, 0.8, 0.5), 12);
        // Fully collapsed and always solved keeps 1 - kappa; fully dispersed and never solved keeps everything.
        Assert.Equal(0.2, ExplorationWeight.Of(1, 0, 0.8, 0.5), 12);
        Assert.Equal(1, ExplorationWeight.Of(0, 1, 0.8, 0.5), 12);
    }

    [Fact]
    public void ACollapsedEasyGroupHasItsAdvantagesScaledDown()
    {
        // addition/2, G = 4: three rollouts answer "5700000" (correct), one "5800000" (1 of 7 digits apart).
        // Dispersion: 3 differing pairs of 6, each 1/7: e = (3/7) / 6 = 1/14. p = 0.75.
        // w = 1 - 0.8 * (0.5 * 13/14 + 0.5 * 0.75) = 1 - 0.8 * 0.83928571 = 0.32857143.
        // GRPO on [1, 1, 1, 0]: A = [0.5, 0.5, 0.5, -1.5], times w: [0.16428571, ..., -0.49285714].
        var prompt = new TaskPrompt("addition/2#0", "addition/2", "21+43=", "5700000", "exact");
        var selector = new PuzzleCraftSelector(new TaskCatalog([new DistributionPool("addition/2", [prompt], [])]), new PuzzleCraftOptions(0.8, 0.5), groupSize: 4);
        var round = Assert.IsType<RollOutRound>(selector.Begin(1, 1, new DeterministicRng(1)));
        var group = RolloutGroup.Create(prompt.Id, prompt.Distribution, 1, 0, 1,
            [Tokens("5700000", 1), Tokens("5700000", 1), Tokens("5700000", 1), Tokens("5800000", 0)], scaleByStd: true);

        var train = Assert.IsType<TrainOn>(selector.AfterRound(1, 0, [group], new DeterministicRng(2)));
        selector.ObserveTraining(1, [.. train.Groups.Select(g => g.ToOutcome())]);

        Assert.Equal([4], round.Prompts.Select(p => p.Rollouts));
        Assert.Equal([0.16429, 0.16429, 0.16429, -0.49286], train.Groups[0].Rollouts.Select(r => Math.Round(r.Advantage, 5)));
        var row = Assert.Single(selector.View().Prompts);
        Assert.Equal("uniform draw; advantages x 0.329 (pass rate 0.75, answer dispersion 0.071)", row.Reason);
        Assert.Equal(4, row.Budget);
    }

    [Fact]
    public void APoolSmallerThanTheStepHasItsPromptsRolledOutOnceAndCutIntoSlots()
    {
        var selector = new PuzzleCraftSelector(Fixtures.Catalog(("a", 1)), new PuzzleCraftOptions(), groupSize: 2);
        var round = Assert.IsType<RollOutRound>(selector.Begin(1, 2, new DeterministicRng(1)));

        var budget = Assert.Single(round.Prompts);
        Assert.Equal(4, budget.Rollouts);
        var train = Assert.IsType<TrainOn>(selector.AfterRound(1, 0,
            [RolloutGroup.Create("a#0", "a", 1, 0, 1, [Tokens("1", 1), Tokens("2", 0), Tokens("3", 0), Tokens("4", 0)], scaleByStd: true)], new DeterministicRng(2)));
        Assert.Equal(2, train.Groups.Count);
        Assert.All(train.Groups, g => Assert.Equal(2, g.Rollouts.Count));
    }

    [Fact]
    public void TheSameSeedGivesTheSameStepsAndTheStateRoundTripsToTheSameNextStep()
    {
        var catalog = Fixtures.Catalog(("a", 20), ("b", 20));
        var first = new PuzzleCraftSelector(catalog, new PuzzleCraftOptions(), 4);
        var second = new PuzzleCraftSelector(catalog, new PuzzleCraftOptions(), 4);
        for (var step = 1; step <= 4; step++)
        {
            Assert.Equal(Step(first, step).Groups.Select(g => g.PromptId), Step(second, step).Groups.Select(g => g.PromptId));
        }

        var restored = new PuzzleCraftSelector(catalog, new PuzzleCraftOptions(), 4);
        restored.ImportState(first.ExportState());

        Assert.Equal(first.ExportState(), restored.ExportState());
        var expected = Step(first, 5).Groups;
        var actual = Step(restored, 5).Groups;
        Assert.Equal(expected.Select(g => (g.PromptId, string.Join(',', g.Rollouts.Select(r => r.Advantage)))), actual.Select(g => (g.PromptId, string.Join(',', g.Rollouts.Select(r => r.Advantage)))));
        Assert.Equal(CurriculumJson.Serialize(first.View()), CurriculumJson.Serialize(restored.View()));
    }

    [Fact]
    public void AParameterOutOfItsRangeIsAnErrorNamingIt()
    {
        var error = Assert.Throws<CampaignConfigException>(() => CampaignConfigParser.Parse(TasksYaml +
            "strategy:\n  name: puzzlecraft\n  puzzlecraft:\n    down_weight: 1.2\n    difficulty_share: -0.1\n"));

        Assert.Contains("strategy.puzzlecraft.down_weight: must be in [0, 1], got 1.2", error.Message, StringComparison.Ordinal);
        Assert.Contains("strategy.puzzlecraft.difficulty_share: must be in [0, 1], got -0.1", error.Message, StringComparison.Ordinal);
    }

    private static Rollout Text(string text) => new([], [], 0, 0, Text: text);

    private static Rollout Tokens(string text) => new([.. CharTokenizer.Encode(text), CharTokenizer.EndToken], [], 0, 0);

    private static (IReadOnlyList<int>, IReadOnlyList<float>, double) Tokens(string text, double reward) =>
        ([.. CharTokenizer.Encode(text), CharTokenizer.EndToken], [], reward);

    /// <summary>One step of 5 groups; every rollout answers the digit of its index (so dispersion varies with the draws).</summary>
    private static TrainOn Step(PuzzleCraftSelector selector, long step)
    {
        var round = Assert.IsType<RollOutRound>(selector.Begin(step, 5, RngFactory.Create(9, step, "curriculum/select/0")));
        var rng = RngFactory.Create(9, step, "test/rewards");
        var rolled = round.Prompts.Select(p => RolloutGroup.Create(p.Prompt.Id, p.Prompt.Distribution, step, 0, 1,
            [.. Enumerable.Range(0, p.Rollouts).Select(_ => rng.NextInt(3)).Select(answer => Tokens(answer.ToString(System.Globalization.CultureInfo.InvariantCulture), answer == 1 ? 1.0 : 0.0))],
            scaleByStd: true)).ToList();
        var train = Assert.IsType<TrainOn>(selector.AfterRound(step, 0, rolled, RngFactory.Create(9, step, "curriculum/select/1")));
        selector.ObserveTraining(step, [.. train.Groups.Select(g => g.ToOutcome())]);
        return train;
    }
}
