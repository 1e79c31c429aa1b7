using System.Text;
using Orleans;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Configuration;
using Rlvr.Grains.Curriculum;
using Rlvr.Grains.Determinism;
using Rlvr.Grains.Grpo;
using Rlvr.Grains.Learning;
using Rlvr.Grains.Tasks;
using Rlvr.Storage.Checkpoints;

namespace Rlvr.Grains.Grains;

/// <summary>
/// The curriculum in memory: selector and batch accumulator. Its durable copy is the campaign's checkpoint; an
/// activation holds no curriculum until the campaign restores it (<see cref="CampaignRestoreRequiredException"/>), and
/// each step must follow the one before, so a scheduler that lost steps fails the step instead of silently diverging.
/// </summary>
public sealed class CurriculumSchedulerGrain(
    [PersistentState("curriculum")] IPersistentState<CurriculumSchedulerState> state, CheckpointRepository checkpoints, CampaignCache campaigns)
    : Grain, ICurriculumSchedulerGrain
{
    private CurriculumSetup? _setup;
    private PolicyPromptEmbedder? _policyEmbedder;
    private ulong _seed;
    private long _step;

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
        Build(spec);
        if (state.State.Spec != spec)
        {
            state.State = new CurriculumSchedulerState { Spec = spec };
            await state.WriteStateAsync();
        }
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
        if (stepNumber != _step + 1)
        {
            throw new InvalidOperationException(
                $"curriculum '{this.GetPrimaryKeyString()}' has observed step {_step}, so it cannot begin step {stepNumber}: restore the campaign from its last checkpoint.");
        }
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

    public Task ObserveTraining(long stepNumber, IReadOnlyList<GroupOutcome> groups)
    {
        Setup.Selector.ObserveTraining(stepNumber, groups);
        _step = stepNumber;
        return Task.CompletedTask;
    }

    public Task<CheckpointBlob> WriteCheckpoint(long stepNumber)
    {
        var record = new CurriculumCheckpointRecord(_step, Setup.Selector.ExportState(), Setup.Accumulator.ExportState());
        return checkpoints.PutBlobAsync(this.GetPrimaryKeyString(), stepNumber, CampaignCheckpoint.CurriculumBlob, Encoding.UTF8.GetBytes(CurriculumJson.Serialize(record)));
    }

    public Task Restore(CheckpointPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var record = CurriculumJson.Deserialize<CurriculumCheckpointRecord>(Encoding.UTF8.GetString(part.Data), "curriculum checkpoint");
        Build(state.State.Spec ?? throw NotConfigured());
        Setup.Selector.ImportState(record.Selector);
        Setup.Accumulator.ImportState(record.Accumulator);
        _step = record.Step;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DistributionView>> GetDistributions() => Task.FromResult(Setup.Selector.View().Distributions);

    public Task<CurriculumSnapshot> GetSnapshot() =>
        Task.FromResult(new CurriculumSnapshot(
            _step, Setup.Selector.View(), Setup.Accumulator.Carried.Count, Setup.Accumulator.CarriedTotal, Setup.Accumulator.DroppedTotal));

    private CurriculumSetup Setup => _setup ?? (state.State.Spec is null
        ? throw NotConfigured()
        : throw new CampaignRestoreRequiredException(
            $"curriculum '{this.GetPrimaryKeyString()}' was activated anew and holds nothing until its campaign restores it."));

    private InvalidOperationException NotConfigured() => new($"curriculum '{this.GetPrimaryKeyString()}' has not been configured.");

    private void Build(CampaignSpec spec)
    {
        _policyEmbedder?.Dispose();
        _policyEmbedder = null;
        var campaign = campaigns.Load(spec);
        if (campaign.Config.Strategy.Dots.Embedding == DotsConfig.PolicyEmbedding && campaign.Config.Strategy.Name == DotsSelector.StrategyName)
        {
            _policyEmbedder = PolicyPromptEmbedder.FromWarmStart(campaign, spec.DataDirectory);
        }
        _setup = CurriculumSetup.Create(campaign.Config, campaign.Catalog, _policyEmbedder);
        _seed = campaign.Config.Seed;
        _step = 0;
    }
}
