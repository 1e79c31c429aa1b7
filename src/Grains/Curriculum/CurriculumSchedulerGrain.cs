using System.Text;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Grains.Hosting;
using Rlvr.Storage.Checkpoints;
using Rlvr.Training.Allocation;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Configuration;
using Rlvr.Training.Curriculum;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Learning;
using Rlvr.Training.Strategies;

namespace Rlvr.Grains.Curriculum;

/// <summary>
/// The curriculum in memory: selector and batch accumulator. Its durable copy is the campaign's checkpoint; an
/// activation holds no curriculum until the campaign restores it (<see cref="CampaignRestoreRequiredException"/>), and
/// each step must follow the one before, so a scheduler that lost steps fails the step instead of silently diverging.
/// </summary>
public sealed class CurriculumSchedulerGrain(
    [PersistentState("curriculum")] IPersistentState<CurriculumSchedulerState> state, CheckpointRepository checkpoints, CampaignCache campaigns,
    SiloDataDirectory dataDirectory)
    : Grain, ICurriculumSchedulerGrain
{
    private CurriculumSetup? _setup;
    private PolicyPromptEmbedder? _policyEmbedder;
    private ulong _seed;
    private long _step;
    private OpenCurriculumStep? _open;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _policyEmbedder?.Dispose();
        return Task.CompletedTask;
    }

    public async Task Configure(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        // Another spec is what a creation that failed or was cut short by a crash left: the campaign configures this
        // only while it does not exist, and creating it again starts over.
        await Build(spec);
        if (state.State.Spec != spec)
        {
            state.State = new CurriculumSchedulerState { Spec = spec };
            await state.WriteStateAsync();
        }
    }

    public Task<StepSelection> BeginStep(long stepNumber, int replayed)
    {
        var setup = Setup;
        if (_open is { } open)
        {
            throw OutOfOrder($"BeginStep({stepNumber})", open);
        }
        if (stepNumber != _step + 1)
        {
            throw new InvalidOperationException(
                $"curriculum '{this.GetPrimaryKeyString()}' has observed step {_step}, so it cannot begin step {stepNumber}: restore the campaign from its last checkpoint.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(replayed);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replayed, setup.Accumulator.BatchSize);
        var step = new OpenCurriculumStep(stepNumber, replayed, AwaitedRound: null, Batch: null, ReferenceCorrelation: null);
        var reference = setup.Selector.ReferencePrompts(
            stepNumber, RngFactory.Create(_seed, stepNumber, "curriculum/reference"));
        if (reference.Count > 0)
        {
            _open = step with { AwaitedRound = RolloutGroup.ReferenceRound };
            return Task.FromResult<StepSelection>(new RolloutRound(RolloutGroup.ReferenceRound, reference));
        }
        return Task.FromResult(BeginGeneration(step));
    }

    public async Task<StepSelection> ReportRound(long stepNumber, int round, IReadOnlyList<RolloutGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (_open is not { } open || open.Step != stepNumber || open.AwaitedRound != round)
        {
            throw OutOfOrder($"ReportRound({stepNumber}, round {round})", _open);
        }
        // Waiting for nothing until the report succeeds: one that fails leaves the selector or accumulator mid-step.
        _open = open with { AwaitedRound = null };
        if (round != RolloutGroup.ReferenceRound)
        {
            if (Setup.Selector is IRolloutPlanner planner)
            {
                var rng = RngFactory.Create(_seed, stepNumber, $"curriculum/select/{round + 1}");
                return Planned(open, round + 1, planner.AfterRound(stepNumber, round, groups, rng));
            }
            Setup.Accumulator.AddRound(groups);
            return NextGenerationRound(open);
        }
        var outcomes = groups.Select(g => g.ToOutcome()).ToList();
        // Off the grain's thread: with the policy embedding, predicting every prompt's difficulty runs the model.
        await Task.Run(() => Setup.Selector.ObserveReference(stepNumber, outcomes));
        var correlation = Setup.Selector is DotsSelector { Rounds: [.., var last] } ? last.ReferenceCorrelation : null;
        return BeginGeneration(open with { ReferenceCorrelation = correlation });
    }

    public Task<IReadOnlyList<DistributionView>> EndStep(long stepNumber)
    {
        if (_open is not { Batch: { } batch } open || open.Step != stepNumber)
        {
            throw OutOfOrder($"EndStep({stepNumber})", _open);
        }
        Setup.Selector.ObserveTraining(stepNumber, batch);
        _step = stepNumber;
        _open = null;
        return Task.FromResult(Setup.Selector.View().Distributions);
    }

    public Task<CheckpointBlob> WriteCheckpoint(long stepNumber)
    {
        var record = new CurriculumCheckpointRecord(_step, Setup.Selector.ExportState(), Setup.Accumulator.ExportState());
        return checkpoints.PutBlobAsync(this.GetPrimaryKeyString(), stepNumber, CampaignCheckpoint.CurriculumBlob, Encoding.UTF8.GetBytes(CurriculumJson.Serialize(record)));
    }

    public async Task Restore(CheckpointPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var record = CurriculumJson.Deserialize<CurriculumCheckpointRecord>(Encoding.UTF8.GetString(part.Data), "curriculum checkpoint");
        await Build(state.State.Spec ?? throw NotConfigured());
        Setup.Selector.ImportState(record.Selector);
        Setup.Accumulator.ImportState(record.Accumulator);
        _step = record.Step;
    }

    public Task<CurriculumSnapshot> GetSnapshot() =>
        Task.FromResult(new CurriculumSnapshot(
            _step, Setup.Selector.View(), Setup.Accumulator.Carried.Count, Setup.Accumulator.CarriedTotal, Setup.Accumulator.DroppedTotal));

    private CurriculumSetup Setup => _setup ?? throw (state.State.Spec is null ? NotConfigured() : Unrestored());

    private CampaignRestoreRequiredException Unrestored() =>
        new($"curriculum '{this.GetPrimaryKeyString()}' was activated anew and holds nothing until its campaign restores it.");

    private InvalidOperationException NotConfigured() => new($"curriculum '{this.GetPrimaryKeyString()}' has not been configured.");

    /// <summary>Starts filling the step's fresh batch, carried groups first, once its reference round if any is observed.</summary>
    private StepSelection BeginGeneration(OpenCurriculumStep step)
    {
        if (Setup.Selector is IRolloutPlanner planner)
        {
            var groups = Setup.Accumulator.BatchSize - step.Replayed;
            return Planned(step, 0, planner.Begin(step.Step, groups, RngFactory.Create(_seed, step.Step, "curriculum/select/0")));
        }
        Setup.Accumulator.BeginStep(step.Step, step.Replayed);
        return NextGenerationRound(step);
    }

    /// <summary>An allocating strategy's answer as the step's next selection: round <paramref name="round"/> to roll out, or the batch.</summary>
    private StepSelection Planned(OpenCurriculumStep step, int round, AllocationStep next)
    {
        switch (next)
        {
            case RollOutRound rollOut:
                _open = step with { AwaitedRound = round, RoundsRolledOut = round, PromptsRolledOut = step.PromptsRolledOut + rollOut.Prompts.Count };
                return new RolloutRound(round, [.. rollOut.Prompts.Select(p => p.Prompt)], [.. rollOut.Prompts.Select(p => p.Rollouts)]);
            case TrainOn train:
                var wanted = Setup.Accumulator.BatchSize - step.Replayed;
                if (train.Groups.Count != wanted)
                {
                    throw new InvalidOperationException(
                        $"strategy '{Setup.Selector.Name}' handed out {train.Groups.Count} groups for step {step.Step}, which trains on {wanted}.");
                }
                _open = step with { AwaitedRound = null, Batch = train.Groups.Select(g => g.ToOutcome()).ToList() };
                var rejected = Math.Max(0, step.PromptsRolledOut - train.Groups.Count);
                return new FreshBatch(train.Groups, round, step.ReferenceCorrelation, rejected);
            default:
                throw new InvalidOperationException($"strategy '{Setup.Selector.Name}' answered {next.GetType().Name}.");
        }
    }

    /// <summary>The next generation round's prompts while the fresh batch misses groups, else the batch.</summary>
    private StepSelection NextGenerationRound(OpenCurriculumStep step)
    {
        var accumulator = Setup.Accumulator;
        if (accumulator.IsFull)
        {
            var batch = accumulator.TakeBatch();
            _open = step with { AwaitedRound = null, Batch = batch.Select(g => g.ToOutcome()).ToList() };
            return new FreshBatch(batch, accumulator.Rounds, step.ReferenceCorrelation, accumulator.RejectedThisStep);
        }
        var round = accumulator.Rounds;
        var rng = RngFactory.Create(_seed, step.Step, $"curriculum/select/{round}");
        var prompts = Setup.Selector.SelectPrompts(step.Step, accumulator.PromptsForNextRound, rng);
        _open = step with { AwaitedRound = round };
        return new RolloutRound(round, prompts);
    }

    private InvalidOperationException OutOfOrder(string call, OpenCurriculumStep? open)
    {
        // An activation that lost the step it was in (collected mid-step) is not out of order but unrestored.
        if (_setup is null && state.State.Spec is not null)
        {
            return Unrestored();
        }
        var situation = open?.Describe()
            ?? $"no step is in progress, the last it ended is step {_step}, so the next begins with BeginStep({_step + 1})";
        return new InvalidOperationException($"curriculum '{this.GetPrimaryKeyString()}' refuses {call}: {situation}.");
    }

    private async Task Build(CampaignSpec spec)
    {
        var campaign = await campaigns.LoadAsync(spec);
        _policyEmbedder?.Dispose();
        _policyEmbedder = null;
        var strategy = campaign.Config.Strategy;
        if (StrategyRegistry.Strategy(strategy.Name).NeedsPolicyEmbedder(strategy.ChosenBlock))
        {
            _policyEmbedder = PolicyPromptEmbedder.FromWarmStart(campaign, dataDirectory.Path);
        }
        _setup = CurriculumSetup.Create(campaign.Config, campaign.Catalog, _policyEmbedder);
        _seed = campaign.Config.Seed;
        _step = 0;
        _open = null;
    }
}
