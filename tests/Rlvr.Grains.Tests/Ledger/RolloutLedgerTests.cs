using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Grains.Ledger;
using Rlvr.Grains.Tests.Campaigns;
using Rlvr.Training.Allocation;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Grains.Tests.Ledger;

public sealed class RolloutLedgerTests
{
    private const long Step = 3;
    private const long Version = 2;

    private static readonly TaskPrompt A = Prompt("a");
    private static readonly TaskPrompt B = Prompt("b");
    private static readonly TaskPrompt C = Prompt("c");

    [Fact]
    public async Task ALedgerHitReturnsTheStoredGroupAndOnlyBatchesWithAMissingPromptAreGeneratedWhole()
    {
        await using var silo = await CampaignSilo.StartAsync();
        var ledger = new RolloutLedger("c", silo.Grains);
        var generator = new RecordingGenerator();

        var first = await ledger.RollOut(new PhaseClock(), Step, 0, Version, Budgets(A, B), 2, generator.Generate);
        var again = await ledger.RollOut(new PhaseClock(), Step, 0, Version, Budgets(B, C, A), 2, generator.Generate);

        // The second round's batches are [b, c] and [a]: the first lacks c, so it is sampled again with b; a is stored.
        Assert.Equal([["d#a"], ["d#b"], ["d#b", "d#c"]], generator.Requests);
        Assert.Equal(["d#b", "d#c", "d#a"], again.Select(g => g.PromptId));
        foreach (var (stored, regenerated) in new[] { (again[0], first[1]), (again[2], first[0]), (again[2], RecordingGenerator.Make(A)) })
        {
            Assert.Equal(regenerated.Rollouts.Select(r => r.Reward), stored.Rollouts.Select(r => r.Reward));
            Assert.Equal(regenerated.Rollouts.Select(r => r.TokenIds), stored.Rollouts.Select(r => r.TokenIds));
            Assert.Equal(regenerated.Rollouts.Select(r => r.BehaviorLogProbs), stored.Rollouts.Select(r => r.BehaviorLogProbs));
        }
    }

    [Theory]
    [InlineData(4, 3, new[] { 2, 1, 1 })]
    [InlineData(7, 3, new[] { 3, 2, 2 })]
    [InlineData(2, 3, new[] { 1, 1 })]
    [InlineData(32, 2, new[] { 16, 16 })]
    [InlineData(5, 2, new[] { 3, 2 })]
    [InlineData(5, 1, new[] { 5 })]
    public void ARoundIsSplitIntoBatchesOfSizesWithinOneInPromptOrder(int prompts, int batches, int[] sizes)
    {
        var round = Enumerable.Range(0, prompts).Select(i => Prompt($"p{i}")).ToList();

        var split = RolloutLedger.Split(round, batches).ToList();

        Assert.Equal(sizes, split.Select(b => b.Length));
        Assert.Equal(round.Select(p => p.Id), split.SelectMany(b => b).Select(p => p.Id));
    }

    [Fact]
    public async Task APromptDrawnTwiceInARoundIsGeneratedOnce()
    {
        await using var silo = await CampaignSilo.StartAsync();
        var generator = new RecordingGenerator();

        var groups = await new RolloutLedger("c", silo.Grains).RollOut(new PhaseClock(), Step, 0, Version, Budgets(A, B, A), 1, generator.Generate);

        Assert.Equal([["d#a", "d#b"]], generator.Requests);
        Assert.Equal(["d#a", "d#b", "d#a"], groups.Select(g => g.PromptId));
    }

    [Fact]
    public async Task AStepsPageHoldsItsRoundsInOneRecordAndItsTrainedGroupsOnce()
    {
        await using var silo = await CampaignSilo.StartAsync();
        var ledger = new RolloutLedger("c", silo.Grains);
        var page = silo.Grains.GetGrain<IRolloutLedgerGrain>(CampaignGrainKeys.RolloutLedger("c", Step));

        Assert.Empty((await page.GetRecord()).Groups);
        var round0 = await ledger.RollOut(new PhaseClock(), Step, 0, Version, Budgets(A, B), 1, new RecordingGenerator().Generate);
        var round1 = await ledger.RollOut(new PhaseClock(), Step, 1, Version, Budgets(A), 1, new RecordingGenerator(Step, 1).Generate);
        var record = await page.GetRecord();
        Assert.Equal([.. round0, .. round1], record.Groups);
        Assert.Null(record.Trained);

        await ledger.MarkTrained(Step, [round0[1], round1[0], round0[1]]);
        await ledger.MarkTrained(Step, [round0[0]]);
        Assert.Equal([new RolloutGroupId(Step, B.Id, 0), new RolloutGroupId(Step, A.Id, 1)], (await page.GetRecord()).Trained);
        Assert.Empty((await silo.Grains.GetGrain<IRolloutLedgerGrain>(CampaignGrainKeys.RolloutLedger("c", Step + 1)).GetRecord()).Groups);
    }

    [Fact]
    public async Task PruningDeletesThePagesOfTheStepsInItsRangeOnly()
    {
        await using var silo = await CampaignSilo.StartAsync();
        var ledger = new RolloutLedger("c", silo.Grains);
        for (long step = 1; step <= 4; step++)
        {
            await ledger.RollOut(new PhaseClock(), step, 0, Version, Budgets(A), 1, new RecordingGenerator(step).Generate);
        }

        await ledger.Prune(prunedThrough: 1, through: 3);

        var pages = await Task.WhenAll(Enumerable.Range(1, 4).Select(step =>
            silo.Grains.GetGrain<IRolloutLedgerGrain>(CampaignGrainKeys.RolloutLedger("c", step)).GetRecord()));
        Assert.Equal([1, 0, 0, 1], pages.Select(p => p.Groups.Count));
    }

    [Fact]
    public async Task AGroupOfAnotherPolicyVersionIsNotTakenForThisStep()
    {
        await using var silo = await CampaignSilo.StartAsync();
        var ledger = new RolloutLedger("c", silo.Grains);
        await ledger.RollOut(new PhaseClock(), Step, 0, Version, Budgets(A), 1, new RecordingGenerator().Generate);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ledger.RollOut(new PhaseClock(), Step, 0, Version + 1, Budgets(A), 1, new RecordingGenerator().Generate));
        Assert.Contains("'c' step 3, prompt 'd#a', round 0 was generated by policy version 2", error.Message);
    }

    private static PromptBudget[] Budgets(params TaskPrompt[] prompts) => [.. prompts.Select(p => new PromptBudget(p, 2))];

    private static TaskPrompt Prompt(string name) => new($"d#{name}", "d", name, "1", "exact");

    /// <summary>
    /// Generates groups of (step, round) that depend only on (step, prompt, round), as the seeded workers do, and
    /// records the batches it was asked for.
    /// </summary>
    private sealed class RecordingGenerator(long step = Step, int round = 0)
    {
        public List<List<string>> Requests { get; } = [];

        public Task<IReadOnlyList<RolloutGroup>> Generate(IReadOnlyList<IReadOnlyList<PromptBudget>> batches)
        {
            Requests.AddRange(batches.Select(b => b.Select(p => p.Prompt.Id).ToList()));
            return Task.FromResult<IReadOnlyList<RolloutGroup>>(batches.SelectMany(b => b).Select(p => Make(p.Prompt, step, round)).ToList());
        }

        public static RolloutGroup Make(TaskPrompt prompt, long step = Step, int round = 0)
        {
            var seed = prompt.Text[0] + (int)step + round;
            return RolloutGroup.Create(prompt.Id, prompt.Distribution, step, round, Version,
                Enumerable.Range(0, 4).Select(i => (
                    (IReadOnlyList<int>)[seed, i],
                    (IReadOnlyList<float>)[-0.5f * i, -0.25f * seed],
                    (double)((seed + i) % 2))).ToList(),
                scaleByStd: true);
        }
    }
}
