using Rlvr.Training.Allocation;
using Rlvr.Training.Curriculum;
using Rlvr.Training.Filters;

namespace Rlvr.Training.Tests.Curriculum;

public class SpeedRlSelectorTests
{
    private static readonly SpeedRlOptions Small = new(NInit: 4, NCont: 4, BGen: 4, MaxNumGenBatches: 50);

    [Fact]
    public void QualifiedPromptsAreContinuedAndTheirScreeningAndContinuationMergedIntoOneGroup()
    {
        // A pool of 4 and B_gen = 4: the first screening batch is the whole pool.
        var selector = new SpeedRlSelector(Fixtures.Catalog(("a", 4)), Small, scaleByStd: true);
        double[][] screening = [[1, 0, 0, 0], [0, 0, 0, 0], [1, 1, 1, 1], [0, 1, 1, 0]];
        double[][] continuation = [[1, 0, 0, 0], [], [], [1, 1, 1, 1]];

        var run = RoundDriver.Step(selector, 1, 2, (id, round, _) => (round == 0 ? screening : continuation)[RoundDriver.Index(id)]);

        // a#0 and a#3 qualify (0 < p̂ < 1); two are needed, so round 1 continues both and screens nothing.
        Assert.Equal(2, run.Rounds.Count);
        Assert.Equal(["a#0", "a#1", "a#2", "a#3"], RoundDriver.Ids(run.Rounds[0]));
        Assert.Equal(["a#0", "a#3"], RoundDriver.Ids(run.Rounds[1]));
        Assert.All(run.Rounds.SelectMany(r => r.Prompts), p => Assert.Equal(4, p.Rollouts));
        var trained = run.Trained.ToDictionary(g => g.PromptId);
        Assert.Equal(["a#0", "a#3"], trained.Keys.Order());
        // a#0 merged: [1,0,0,0,1,0,0,0], mean 1/4, Bessel std sqrt((2 * 0.75^2 + 6 * 0.25^2) / 7) = sqrt(1.5 / 7) = 0.462910;
        // A(1) = 0.75 / 0.462910 = 1.620185, A(0) = -0.25 / 0.462910 = -0.540062 (the screening group alone gave 1.5 and -0.5).
        var a0 = trained["a#0"];
        Assert.Equal([1, 0, 0, 0, 1, 0, 0, 0], a0.Rollouts.Select(r => r.Reward));
        Assert.Equal(1.620185, a0.Rollouts[0].Advantage, 5);
        Assert.Equal(-0.540062, a0.Rollouts[1].Advantage, 5);
        Assert.Equal(1, a0.Round);
        // a#3 merged: [0,1,1,0,1,1,1,1], mean 3/4: the mirror image.
        Assert.Equal(-1.620185, trained["a#3"].Rollouts[0].Advantage, 5);
        Assert.Equal(0.540062, trained["a#3"].Rollouts[1].Advantage, 5);
    }

    [Fact]
    public void ContinuationsRideWithTheNextScreeningBatchAndNoMoreAreContinuedThanTheStepNeeds()
    {
        var options = Small with { BGen = 8, NCont = 6 };
        var selector = new SpeedRlSelector(Fixtures.Catalog(("a", 200)), options, scaleByStd: true);

        // Every fourth prompt shows variance at screening.
        var run = RoundDriver.Step(selector, 3, 5, (id, _, n) => RoundDriver.Index(id) % 4 == 0 ? RoundDriver.Repeat(n, 1, 0) : RoundDriver.Repeat(n, 0));

        var screened = new List<string>();
        var continued = new List<string>();
        var qualified = new Queue<string>();
        foreach (var round in run.Rounds)
        {
            var continuations = round.Prompts.Where(p => p.Rollouts == options.NCont).Select(p => p.Prompt.Id).ToList();
            var screenings = round.Prompts.Skip(continuations.Count).ToList();
            Assert.All(screenings, p => Assert.Equal(options.NInit, p.Rollouts));
            // Continued: the earliest qualified prompts, only as many as the step still lacks.
            Assert.Equal(qualified.Take(continuations.Count), continuations);
            Assert.Equal(Math.Min(qualified.Count, 5 - continued.Count), continuations.Count);
            for (var i = 0; i < continuations.Count; i++)
            {
                qualified.Dequeue();
            }
            continued.AddRange(continuations);
            // A screening batch comes along exactly while the continued prompts will not fill the step.
            Assert.Equal(continued.Count < 5, screenings.Count > 0);
            foreach (var prompt in screenings.Select(p => p.Prompt.Id))
            {
                Assert.DoesNotContain(prompt, screened);
                screened.Add(prompt);
                if (RoundDriver.Index(prompt) % 4 == 0)
                {
                    qualified.Enqueue(prompt);
                }
            }
        }
        Assert.Contains(run.Rounds, r => r.Prompts.Any(p => p.Rollouts == options.NCont) && r.Prompts.Any(p => p.Rollouts == options.NInit));
        Assert.Equal(continued, run.Trained.Select(g => g.PromptId));
        Assert.All(run.Trained, g => Assert.Equal(10, g.Rollouts.Count));
    }

    [Fact]
    public void TheViewSaysWhatEachScreenedPromptGotAndWhy()
    {
        var selector = new SpeedRlSelector(Fixtures.Catalog(("a", 4)), Small, scaleByStd: true);
        double[][] screening = [[1, 0, 0, 0], [0, 0, 0, 0], [1, 1, 0, 0], [0, 1, 1, 0]];

        var run = RoundDriver.Step(selector, 1, 1, (id, round, n) => round == 0 ? screening[RoundDriver.Index(id)] : RoundDriver.Repeat(n, 1, 0));

        // a#0, a#2 and a#3 qualify; one is needed: the first of them in the screening batch's order is continued.
        var continued = run.Trained.Single().PromptId;
        var prompts = selector.View().Prompts.ToDictionary(p => p.PromptId);
        Assert.Equal(4, prompts["a#1"].Budget);
        Assert.Equal("screened out: p̂ = 0/4, no variance", prompts["a#1"].Reason);
        foreach (var (id, fraction) in new[] { ("a#0", "1/4"), ("a#2", "2/4"), ("a#3", "2/4") })
        {
            var (budget, reason, attempts) = id == continued
                ? (8, $"qualified at screening (p̂ = {fraction}), continued with 4", 8)
                : (4, $"qualified (p̂ = {fraction}) but not continued: the batch was complete", 0);
            Assert.Equal((budget, reason, attempts), (prompts[id].Budget!.Value, prompts[id].Reason, prompts[id].Attempts));
        }
    }

    [Fact]
    public void AStepThatFindsTooFewQualifiedPromptsWithinTheCapFailsSayingWhy()
    {
        var selector = new SpeedRlSelector(Fixtures.Catalog(("a", 1000)), Small with { MaxNumGenBatches = 3 }, scaleByStd: true);
        var rounds = 0;

        var error = Assert.Throws<GenerationCapExceededException>(() => RoundDriver.Step(selector, 2, 4, (_, round, n) =>
        {
            rounds = round + 1;
            return RoundDriver.Repeat(n, 0);
        }));

        Assert.Equal(3, rounds);
        Assert.Equal(
            "step 2: after 3 screening batches (strategy.speed-rl.max_num_gen_batches) only 0 of 4 prompts qualified (0 < p̂ < 1 over 4 screening rollouts); " +
            "the data is too hard for the policy (12 of 12 screened prompts all wrong, 0 all right).",
            error.Message);
    }

    [Fact]
    public void AStepThatScreenedTheWholePoolFailsSayingSo()
    {
        var selector = new SpeedRlSelector(Fixtures.Catalog(("a", 6)), Small, scaleByStd: true);

        var error = Assert.Throws<GenerationCapExceededException>(() =>
            RoundDriver.Step(selector, 1, 2, (id, _, n) => id == "a#5" ? RoundDriver.Repeat(n, 1, 0) : RoundDriver.Repeat(n, 1)));

        Assert.StartsWith("step 1: after screening all 6 prompts of the pool only 1 of 2 prompts qualified", error.Message, StringComparison.Ordinal);
        Assert.Contains("too easy for the policy (0 of 6 screened prompts all wrong, 5 all right)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameSeedGivesTheSameRoundsAndGroupsAndAnotherSeedOthers()
    {
        static RoundDriver.StepRun Run(ulong seed) => RoundDriver.Step(
            new SpeedRlSelector(Fixtures.Catalog(("a", 500), ("b", 500)), Small with { BGen = 16 }, scaleByStd: true), 4, 6, Oracle, seed);

        var first = Run(11);
        var again = Run(11);
        var other = Run(12);

        Assert.Equal(Describe(first), Describe(again));
        Assert.NotEqual(Describe(first), Describe(other));
    }

    [Fact]
    public void ExportedStateRestoresTheViewAndTheNextStepsDecisions()
    {
        var catalog = Fixtures.Catalog(("a", 300));
        var original = new SpeedRlSelector(catalog, Small, scaleByStd: true);
        RoundDriver.Step(original, 1, 4, Oracle);
        var restored = new SpeedRlSelector(catalog, Small, scaleByStd: true);

        restored.ImportState(original.ExportState());

        Assert.Equal(Json(original), Json(restored));
        var next = RoundDriver.Step(original, 2, 4, Oracle);
        var nextRestored = RoundDriver.Step(restored, 2, 4, Oracle);
        Assert.Equal(Describe(next), Describe(nextRestored));
        Assert.Equal(Json(original), Json(restored));
        Assert.Contains(restored.View().Prompts, p => p.Reason?.StartsWith("screened out", StringComparison.Ordinal) == true);
    }

    /// <summary>A third of the prompts never solved, the others solved about one time in three, which rollouts varying by round.</summary>
    internal static double[] Oracle(string id, int round, int n) =>
        [.. Enumerable.Range(0, n).Select(i => (RoundDriver.Index(id) * 7 + round + i) % 3 == 0 && RoundDriver.Index(id) % 3 != 1 ? 1.0 : 0.0)];

    internal static string Describe(RoundDriver.StepRun run) =>
        string.Join(" | ", run.Rounds.Select(r => string.Join(",", r.Prompts.Select(p => $"{p.Prompt.Id}x{p.Rollouts}")))) + " => " +
        string.Join(";", run.Trained.Select(g => $"{g.PromptId}:{string.Join(",", g.Rollouts.Select(r => $"{r.Reward}/{r.Advantage:R}"))}"));

    internal static string Json(IRolloutPlanner planner) => CurriculumJson.Serialize(planner.View());
}
