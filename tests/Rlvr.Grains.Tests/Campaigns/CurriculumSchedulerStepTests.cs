using Orleans.Core.Internal;
using Rlvr.Grains.Contracts;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Filters;
using Rlvr.Training.Grpo;

namespace Rlvr.Grains.Tests.Campaigns;

/// <summary>
/// The scheduler's step contract, called directly as a step would: BeginStep, ReportRound until the batch is complete,
/// EndStep; with the groups made up here instead of rolled out.
/// </summary>
public sealed class CurriculumSchedulerStepTests
{
    private const int PromptsPerStep = 2;

    private static readonly double[] Informative = [1, 0];
    private static readonly double[] Solved = [1, 1];

    private static string Yaml(string strategy, string filter) => $"""
        seed: 5
        steps: 10
        model:
          width: 32
          layers: 1
          heads: 2
          context: 32
        tasks:
          builtin:
            - family: addition
              levels: [1, 2]
          eval_size: 4
          eval_fraction: 0.2
          pool_size: 20
        grpo:
          group_size: 2
          prompts_per_step: {PromptsPerStep}
        strategy:
        {strategy}
        filter:
        {filter}
        """;

    [Fact]
    public async Task CallsOutOfOrderAreRefusedWithWhatTheStepWaitsFor()
    {
        await using var silo = await CampaignSilo.StartAsync();
        var scheduler = await Configure(silo, Yaml("  name: uniform", "  name: none"));

        await Refused(() => scheduler.EndStep(1), "refuses EndStep(1): no step is in progress, the last it ended is step 0");
        await Refused(() => scheduler.ReportRound(1, 0, []), "refuses ReportRound(1, round 0): no step is in progress");
        await Refused(() => scheduler.BeginStep(2, 0), "has observed step 0, so it cannot begin step 2");

        var round = Assert.IsType<RolloutRound>(await scheduler.BeginStep(1, 0));
        Assert.Equal(0, round.Round);
        Assert.Equal(PromptsPerStep, round.Prompts.Count);
        const string waiting = "step 1 waits for the groups of round 0";
        await Refused(() => scheduler.BeginStep(1, 0), $"refuses BeginStep(1): {waiting}");
        var groups = Groups(1, round, Informative);
        await Refused(() => scheduler.ReportRound(1, 1, groups), $"refuses ReportRound(1, round 1): {waiting}");
        await Refused(() => scheduler.ReportRound(2, 0, groups), $"refuses ReportRound(2, round 0): {waiting}");
        await Refused(() => scheduler.EndStep(1), $"refuses EndStep(1): {waiting}");

        var batch = Assert.IsType<FreshBatch>(await scheduler.ReportRound(1, 0, groups));
        Assert.Equal(round.Prompts.Select(p => p.Id), batch.Groups.Select(g => g.PromptId));
        Assert.Equal(1, batch.Rounds);
        Assert.Null(batch.ReferenceCorrelation);
        const string handedOut = "step 1 has handed out its batch and waits for EndStep(1)";
        await Refused(() => scheduler.ReportRound(1, 0, groups), handedOut);
        await Refused(() => scheduler.BeginStep(2, 0), handedOut);
        await Refused(() => scheduler.EndStep(2), handedOut);

        var distributions = await scheduler.EndStep(1);
        Assert.Equal(PromptsPerStep * Informative.Length, distributions.Sum(d => d.Rollouts));
        Assert.Equal(1, (await scheduler.GetSnapshot()).Step);
        await Refused(() => scheduler.EndStep(1), "the last it ended is step 1, so the next begins with BeginStep(2).");
        Assert.Equal(0, Assert.IsType<RolloutRound>(await scheduler.BeginStep(2, 0)).Round);
    }

    [Fact]
    public async Task TheFilterAsksForRoundsUntilTheBatchIsFullAndCarriedGroupsCanFillTheNextStep()
    {
        await using var silo = await CampaignSilo.StartAsync();
        var scheduler = await Configure(silo, Yaml("  name: uniform", "  name: dynamic\n  oversample: 2.0"));

        // Round 0: B = 2 missing groups, 4 prompts; one informative group leaves one missing, so round 1 has 2 prompts.
        var round0 = Assert.IsType<RolloutRound>(await scheduler.BeginStep(1, 0));
        Assert.Equal(2 * PromptsPerStep, round0.Prompts.Count);
        var round1 = Assert.IsType<RolloutRound>(
            await scheduler.ReportRound(1, 0, Groups(1, round0, Informative, Solved, Solved, Solved)));
        Assert.Equal((1, 2), (round1.Round, round1.Prompts.Count));

        // Both of round 1 are kept: one completes the batch, the other is carried to step 2.
        var batch = Assert.IsType<FreshBatch>(await scheduler.ReportRound(1, 1, Groups(1, round1, Informative)));
        Assert.Equal([round0.Prompts[0].Id, round1.Prompts[0].Id], batch.Groups.Select(g => g.PromptId));
        Assert.Equal(2, batch.Rounds);
        Assert.Equal(3, batch.Rejected);
        await scheduler.EndStep(1);
        var snapshot = await scheduler.GetSnapshot();
        Assert.Equal((1, 1L, 3L), (snapshot.CarriedGroups, snapshot.CarriedTotal, snapshot.DroppedTotal));

        // With one group replayed, the carried one fills step 2's fresh batch: no round to roll out.
        var carried = Assert.IsType<FreshBatch>(await scheduler.BeginStep(2, replayed: 1));
        Assert.Equal([round1.Prompts[1].Id], carried.Groups.Select(g => g.PromptId));
        Assert.Equal((0, 0), (carried.Rounds, carried.Rejected));
        await scheduler.EndStep(2);
        Assert.Equal(2, (await scheduler.GetSnapshot()).Step);
    }

    [Fact]
    public async Task AReportThatFailsLeavesTheStepToARestore()
    {
        await using var silo = await CampaignSilo.StartAsync();
        var scheduler = await Configure(silo, Yaml("  name: uniform", "  name: dynamic\n  max_generation_rounds: 1"));

        var round = Assert.IsType<RolloutRound>(await scheduler.BeginStep(1, 0));
        await Assert.ThrowsAsync<GenerationCapExceededException>(
            () => scheduler.ReportRound(1, 0, Groups(1, round, Solved)));

        const string failed = "step 1 failed part-way, so it must be restored from the campaign's last checkpoint";
        await Refused(() => scheduler.ReportRound(1, 0, Groups(1, round, Informative)), failed);
        await Refused(() => scheduler.BeginStep(1, 0), failed);
        await Refused(() => scheduler.EndStep(1), failed);
    }

    [Fact]
    public async Task AnActivationThatLostItsStepAsksForARestoreRatherThanCallingTheStepOutOfOrder()
    {
        await using var silo = await CampaignSilo.StartAsync();
        var scheduler = await Configure(silo, Yaml("  name: uniform", "  name: none"));
        var round = Assert.IsType<RolloutRound>(await scheduler.BeginStep(1, 0));

        // Collected between two calls of the step: the next activation holds nothing.
        await scheduler.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        await Assert.ThrowsAsync<CampaignRestoreRequiredException>(() => scheduler.ReportRound(1, 0, Groups(1, round, Informative)));
        await Assert.ThrowsAsync<CampaignRestoreRequiredException>(() => scheduler.EndStep(1));
        await Assert.ThrowsAsync<CampaignRestoreRequiredException>(() => scheduler.BeginStep(1, 0));
    }

    [Fact]
    public async Task TheDotsReferenceRoundComesBeforeSelectionAndItsCorrelationWithTheBatch()
    {
        await using var silo = await CampaignSilo.StartAsync();
        var dots = "  name: dots\n  dots:\n    reference_interval: 2\n    reference_size: 4";
        var scheduler = await Configure(silo, Yaml(dots, "  name: none"));

        var reference = Assert.IsType<RolloutRound>(await scheduler.BeginStep(1, 0));
        Assert.True(reference.IsReference);
        Assert.Equal(4, reference.Prompts.Count);
        const string waiting = "refuses ReportRound(1, round 0): step 1 waits for the groups of its reference round";
        await Refused(() => scheduler.ReportRound(1, 0, []), waiting);

        var round = Assert.IsType<RolloutRound>(await scheduler.ReportRound(
            1, RolloutGroup.ReferenceRound, Groups(1, reference, Solved, Informative, [0, 0], Informative)));
        Assert.Equal(0, round.Round);
        var batch = Assert.IsType<FreshBatch>(await scheduler.ReportRound(1, 0, Groups(1, round, Informative)));
        var dotsRound = Assert.Single((await scheduler.GetSnapshot()).View.DotsRounds!);
        Assert.Equal(dotsRound.ReferenceCorrelation, batch.ReferenceCorrelation);
        await scheduler.EndStep(1);

        // Step 2 has no reference round (every second step): selection comes first, and no correlation.
        round = Assert.IsType<RolloutRound>(await scheduler.BeginStep(2, 0));
        Assert.Equal(0, round.Round);
        batch = Assert.IsType<FreshBatch>(await scheduler.ReportRound(2, 0, Groups(2, round, Informative)));
        Assert.Null(batch.ReferenceCorrelation);
    }

    private static async Task<ICurriculumSchedulerGrain> Configure(CampaignSilo silo, string yaml)
    {
        var scheduler = silo.Grains.GetGrain<ICurriculumSchedulerGrain>("scheduler");
        await scheduler.Configure(new CampaignSpec(yaml));
        return scheduler;
    }

    /// <summary>A group per prompt of <paramref name="round"/>, the i-th with the i-th rewards (the last repeat).</summary>
    private static List<RolloutGroup> Groups(long step, RolloutRound round, params double[][] rewards) =>
        round.Prompts.Select((prompt, i) => RolloutGroup.Create(
            prompt.Id,
            prompt.Distribution,
            step,
            round.Round,
            policyVersion: step - 1,
            rewards[Math.Min(i, rewards.Length - 1)]
                .Select(r => ((IReadOnlyList<int>)[1], (IReadOnlyList<float>)[-0.5f], r))
                .ToList(),
            scaleByStd: true)).ToList();

    private static async Task Refused(Func<Task> call, string message)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(call);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
