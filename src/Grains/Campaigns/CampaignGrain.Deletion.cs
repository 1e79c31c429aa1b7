using Rlvr.Grains.Contracts;
using Rlvr.Grains.External;
using Rlvr.Training.Campaigns;

namespace Rlvr.Grains.Campaigns;

// Deleting a halted campaign with its data, through the storage abstractions the silo uses (any backend).
public sealed partial class CampaignGrain
{
    /// <summary>Ledger pages past the stored step that a failed or pipelined step may have written.</summary>
    private const int LedgerPagesAhead = 2;

    public async Task Delete()
    {
        var transition = CampaignLifecycle.Decide(Progress().Status, CampaignAction.Delete);
        if (!transition.Allowed)
        {
            throw new CampaignConflictException($"campaign '{Id}': {transition.Refusal}.");
        }
        Loop.Stop();
        if (_campaign is { } campaign)
        {
            await Task.WhenAll(DataGrains(campaign).Select(g => g.Delete()));
            await Ledger.Prune(Current.LedgerPrunedThrough, Current.Step + LedgerPagesAhead);
        }
        foreach (var log in new[] { CampaignHistory.FileName, CampaignHistory.EvaluationsFileName, TrainerUpdateLog.FileName })
        {
            await logs.DeleteAsync(Id, log);
        }
        await checkpoints.DeleteAllAsync(Id);
        await Loop.Disarm();
        await Registry.Unregister(Id);
        // Last: until it is gone, the campaign still shows, and deleting it again finishes the deletion.
        await state.ClearStateAsync();
        state.State = new CampaignState();
        _campaign = null;
        _history = null;
        _consistent = false;
        LogDeleted(logger, Id);
        DeactivateOnIdle();
    }

    /// <summary>The grains that hold the campaign's state: one per prompt of its pool, and its learner, curriculum, replay buffer and trainer.</summary>
    private IEnumerable<ICampaignDataGrain> DataGrains(Campaign campaign)
    {
        foreach (var prompt in campaign.Catalog.TrainingPrompts)
        {
            yield return GrainFactory.GetGrain<IPromptGrain>(CampaignGrainKeys.Prompt(Id, prompt.Id));
        }
        yield return GrainFactory.GetGrain<ICurriculumSchedulerGrain>(Id);
        yield return campaign.Config.ExternalTrainer ? GrainFactory.GetGrain<IExternalTrainerGrain>(Id) : GrainFactory.GetGrain<ILearnerGrain>(Id);
        if (campaign.Config.Replay.Enabled)
        {
            yield return GrainFactory.GetGrain<IReplayBufferGrain>(Id);
        }
    }
}
