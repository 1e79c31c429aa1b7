using Rlvr.Grains.Contracts;
using Rlvr.Training.Campaigns;

namespace Rlvr.Grains.Campaigns;

// The campaign's lifecycle: creation, start, pause, stop and completion.
public sealed partial class CampaignGrain
{
    public async Task<CampaignProgress> Create(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var campaign = await campaigns.LoadAsync(spec);
        if (Current.Status != CampaignStatus.None)
        {
            return Current.ConfigHash == campaign.ConfigHash
                ? Progress()
                : throw new CampaignConflictException(
                    $"campaign '{Id}' already exists with configuration {Current.ConfigHash}; this one is {campaign.ConfigHash}.");
        }
        _creating = campaign;
        _creationError = null;
        try
        {
            await CreateFrom(spec, campaign);
        }
        catch (Exception e)
        {
            _creationError = $"create: {e.GetType().Name}: {e.Message}";
            throw;
        }
        finally
        {
            _creating = null;
        }
        return Progress();
    }

    private async Task CreateFrom(CampaignSpec spec, Campaign campaign)
    {
        await Registry.Register(Id);
        var external = campaign.Config.ExternalTrainer;
        // The learner first: it trains and caches the warm start, which the curriculum's policy embedding reads. An
        // external trainer holds the policy, and its first evaluation comes with the first checkpointed step's.
        var policy = external
            ? new PolicySnapshot(0, ExternalTrainer.ExternalWeightsHash, WarmStartFromCache: false)
            : await GrainFactory.GetGrain<ILearnerGrain>(Id).Initialize(spec);
        if (external)
        {
            await GrainFactory.GetGrain<IExternalTrainerGrain>(Id).Configure(spec);
        }
        await GrainFactory.GetGrain<ICurriculumSchedulerGrain>(Id).Configure(spec);
        if (campaign.Config.Replay.Enabled)
        {
            await GrainFactory.GetGrain<IReplayBufferGrain>(Id).Configure(spec);
        }
        var baseline = external ? null : await Runner(campaign).Evaluate(0, policy.Version);
        _history = await CampaignHistory.CreateAsync(logs, Id, baseline);
        _campaign = campaign;
        state.State = new CampaignState
        {
            Spec = spec,
            ConfigHash = campaign.ConfigHash,
            Status = CampaignStatus.Created,
            Steps = campaign.Config.Steps,
            PolicyVersion = policy.Version,
        };
        KillPoints.Reach(KillPoints.Create, 0);
        await Checkpoint(0, policy.WeightsHash);
        await state.WriteStateAsync();
        _consistent = true;
    }

    public async Task Start()
    {
        switch (Current.Status)
        {
            case CampaignStatus.Created or CampaignStatus.Paused or CampaignStatus.Failed:
                // The reminder before the status: a crash in between leaves a reminder that finds the campaign not running
                // and removes itself, never a running campaign that nothing would wake.
                await Loop.Arm();
                // A failed step may have left its grains part-way through it: resume from the last checkpoint.
                _consistent &= Current.Status != CampaignStatus.Failed;
                if (_interrupt.IsCancellationRequested)
                {
                    _interrupt.Dispose();
                    _interrupt = new();
                }
                Current.Status = CampaignStatus.Running;
                Current.Error = null;
                await state.WriteStateAsync();
                Loop.Start(TimerTick);
                break;
            case CampaignStatus.Running or CampaignStatus.Completed:
                break;
            default:
                throw new CampaignConflictException($"campaign '{Id}' cannot start from status {Current.Status}.");
        }
    }

    public async Task Pause()
    {
        if (Current.Status == CampaignStatus.Running)
        {
            await Halt(CampaignStatus.Paused);
        }
    }

    public async Task Terminate()
    {
        switch (Current.Status)
        {
            case CampaignStatus.Created or CampaignStatus.Running or CampaignStatus.Paused or CampaignStatus.Failed:
                await Halt(CampaignStatus.Stopped);
                break;
            case CampaignStatus.Completed or CampaignStatus.Stopped:
                break;
            default:
                throw new CampaignConflictException($"campaign '{Id}' cannot stop from status {Current.Status}.");
        }
    }


    public async Task Interrupt()
    {
        if (_campaign?.Config.ExternalTrainer == true)
        {
            await _interrupt.CancelAsync();
            await GrainFactory.GetGrain<IExternalTrainerGrain>(Id).Interrupt();
        }
    }


    /// <summary>Ends the loop after the current step (turns do not overlap) and stores <paramref name="status"/>.</summary>
    private async Task Halt(CampaignStatus status)
    {
        Loop.Stop();
        // Halted campaigns may wait long, and silos restart meanwhile: commit where it stands, so resuming recomputes nothing.
        if (_consistent && Current.LastCheckpoint != Current.Step)
        {
            await Checkpoint(Current.Step, _campaign!.Config.ExternalTrainer
                ? ExternalTrainer.ExternalWeightsHash
                : (await GrainFactory.GetGrain<ILearnerGrain>(Id).GetSnapshot()).WeightsHash);
        }
        Current.Status = status;
        await state.WriteStateAsync();
        await Loop.Disarm();
    }

    private async Task Complete()
    {
        Current.Status = CampaignStatus.Completed;
        Loop.Stop();
        await state.WriteStateAsync();
        await Loop.Disarm();
    }
}
