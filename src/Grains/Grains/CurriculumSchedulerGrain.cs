using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Configuration;
using Rlvr.Grains.Curriculum;
using Rlvr.Grains.Determinism;
using Rlvr.Grains.Grpo;
using Rlvr.Grains.Learning;
using Rlvr.Grains.Tasks;
using Rlvr.Grains.Verifiers;
using Rlvr.Runtime;

namespace Rlvr.Grains.Grains;

public sealed class CurriculumSchedulerGrain([PersistentState("curriculum")] IPersistentState<CurriculumSchedulerState> state)
    : Grain, ICurriculumSchedulerGrain
{
    private CurriculumSetup? _setup;
    private PolicyPromptEmbedder? _policyEmbedder;
    private ulong _seed;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Spec is { } spec)
        {
            Build(spec);
            if (state.State.SelectorState is { } selector)
            {
                _setup!.Selector.ImportState(selector);
            }
            if (state.State.AccumulatorState is { } accumulator)
            {
                _setup!.Accumulator.ImportState(accumulator);
            }
        }
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _policyEmbedder?.Dispose();
        return Task.CompletedTask;
    }

    public async Task Configure(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (state.State.Spec is not null)
        {
            if (state.State.Spec != spec)
            {
                throw new InvalidOperationException($"curriculum '{GetPrimaryKeyString()}' is already configured with another campaign spec.");
            }
            return;
        }
        Build(spec);
        state.State = new CurriculumSchedulerState { Spec = spec };
        await Store();
    }

    public Task<IReadOnlyList<TaskPrompt>> ReferencePrompts(long stepNumber) =>
        Task.FromResult(Setup.Selector.ReferencePrompts(stepNumber, RngFactory.Create(_seed, stepNumber, "curriculum/reference")));

    // Off the grain's thread: with the policy embedding, predicting every prompt's difficulty runs the model.
    public Task<double?> ObserveReference(long stepNumber, IReadOnlyList<GroupOutcome> outcomes) =>
        Task.Run(() =>
        {
            Setup.Selector.ObserveReference(stepNumber, outcomes);
            return Setup.Selector is DotsSelector { Rounds: [.., var round] } ? round.ReferenceCorrelation : null;
        });

    public Task<int> BeginStep(long stepNumber, int replayed)
    {
        Setup.Accumulator.BeginStep(stepNumber, replayed);
        return Task.FromResult(Setup.Accumulator.Missing);
    }

    public Task<IReadOnlyList<TaskPrompt>> SelectRound(long stepNumber, int round) =>
        Task.FromResult(Setup.Selector.SelectPrompts(
            stepNumber, Setup.Accumulator.PromptsForNextRound, RngFactory.Create(_seed, stepNumber, $"curriculum/select/{round}")));

    public Task<int> AddRound(IReadOnlyList<RolloutGroup> groups)
    {
        Setup.Accumulator.AddRound(groups);
        return Task.FromResult(Math.Max(0, Setup.Accumulator.Missing));
    }

    public Task<IReadOnlyList<RolloutGroup>> TakeBatch() => Task.FromResult(Setup.Accumulator.TakeBatch());

    public async Task ObserveTraining(long stepNumber, IReadOnlyList<GroupOutcome> groups)
    {
        Setup.Selector.ObserveTraining(stepNumber, groups);
        state.State.Step = stepNumber;
        await Store();
    }

    public Task<CurriculumSnapshot> GetSnapshot() =>
        Task.FromResult(new CurriculumSnapshot(
            state.State.Step, Setup.Selector.View(), Setup.Accumulator.Carried.Count, Setup.Accumulator.CarriedTotal, Setup.Accumulator.DroppedTotal));

    private CurriculumSetup Setup => _setup ?? throw new InvalidOperationException($"curriculum '{GetPrimaryKeyString()}' has not been configured.");

    private void Build(CampaignSpec spec)
    {
        var campaign = spec.Load(VerifierRegistry.CreateDefault());
        if (campaign.Config.Strategy.Dots.Embedding == DotsConfig.PolicyEmbedding && campaign.Config.Strategy.Name == DotsSelector.StrategyName)
        {
            _policyEmbedder = PolicyPromptEmbedder.FromWarmStart(campaign, spec.DataDirectory);
        }
        _setup = CurriculumSetup.Create(campaign.Config, campaign.Catalog, _policyEmbedder);
        _seed = campaign.Config.Seed;
    }

    private Task Store()
    {
        state.State.SelectorState = Setup.Selector.ExportState();
        state.State.AccumulatorState = Setup.Accumulator.ExportState();
        return state.WriteStateAsync();
    }
}
