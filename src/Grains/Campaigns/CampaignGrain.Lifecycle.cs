using System.Diagnostics;
using Orleans.Storage;
using Rlvr.Grains.Contracts;
using Rlvr.Training.Campaigns;

namespace Rlvr.Grains.Campaigns;

// The campaign's lifecycle: creation, then start, resume, pause and stop as CampaignLifecycle's table says, and completion.
public sealed partial class CampaignGrain
{
    public async Task<CampaignProgress> Create(CampaignSpec spec, bool start = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var campaign = await campaigns.LoadAsync(spec);
        if (Current.Status == CampaignStatus.None)
        {
            await Accept(spec, campaign, start);
        }
        else if (Current.ConfigHash != campaign.ConfigHash)
        {
            throw new CampaignConflictException(
                $"campaign '{Id}' already exists with configuration {Current.ConfigHash}; this one is {campaign.ConfigHash}.");
        }
        if (Current.Status == CampaignStatus.Creating)
        {
            await FinishCreation();
        }
        return Progress();
    }

    /// <summary>
    /// Stores the campaign as Creating before its warm start begins, with the watchdog and the running mark armed first:
    /// a silo that dies meanwhile leaves a creation that the campaign finishes on whatever silo it comes back on (the
    /// revival at start-up or on a silo's death, else the watchdog), instead of no campaign at all.
    /// </summary>
    private async Task Accept(CampaignSpec spec, Campaign campaign, bool start)
    {
        await Registry.Register(Id);
        await Loop.Arm();
        state.State = new CampaignState
        {
            Spec = spec,
            ConfigHash = campaign.ConfigHash,
            Status = CampaignStatus.Creating,
            Steps = campaign.Config.Steps,
            StartWhenCreated = start,
            CreatedUtc = time.GetUtcNow(),
        };
        await state.WriteStateAsync();
        _campaign = campaign;
    }

    /// <summary>
    /// Runs the stored creation to its end, then starts the campaign if its creator asked for it. A silo lost meanwhile
    /// (the learner's, say) makes it start over: the campaign's grains come back on the survivors and the warm start runs
    /// again, deterministically, or comes from its cache. Any other error, or silos lost for longer than
    /// <see cref="CreationSiloLossPatience"/>, is stored as the creation's failure and thrown; a silo shutting down leaves
    /// the creation stored for the next activation.
    /// </summary>
    private async Task FinishCreation()
    {
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CreateFrom(Current.Spec!, _campaign!);
                break;
            }
            catch (InconsistentStateException) when (!lifetime.ApplicationStopping.IsCancellationRequested)
            {
                // Another activation of the campaign stored its state meanwhile: a silo's death can leave two for a
                // moment, and both finish the creation. This one takes what the other stored and makes way for it.
                await state.ReadStateAsync();
                LogCreationHandedOver(logger, Id, Current.Status);
                DeactivateOnIdle();
                return;
            }
            catch (Exception e) when (!lifetime.ApplicationStopping.IsCancellationRequested
                && ((ClusterFailures.IsSiloLoss(e) && Stopwatch.GetElapsedTime(started) < CreationSiloLossPatience)
                    || (e is CampaignRestoreRequiredException && attempt < MaxRestoresInARow)))
            {
                LogCreationRetried(logger, Id, attempt, e.Message);
                await Task.Delay(SiloLossBackoff, CancellationToken.None);
            }
            catch (Exception e) when (!lifetime.ApplicationStopping.IsCancellationRequested)
            {
                Loop.Stop();
                state.State = new CampaignState
                {
                    Spec = Current.Spec,
                    ConfigHash = Current.ConfigHash,
                    Steps = Current.Steps,
                    CreatedUtc = Current.CreatedUtc,
                    Error = $"create: {e.GetType().Name}: {e.Message}",
                };
                await state.WriteStateAsync(CancellationToken.None);
                await Loop.Disarm();
                throw;
            }
        }
        if (Current.StartWhenCreated)
        {
            await Start();
        }
        else
        {
            await Loop.Disarm();
        }
    }

    /// <summary>The loop's tick finishing a creation that a crash cut short; a failure is stored, and logged here.</summary>
    private async Task FinishCreationInTheLoop()
    {
        try
        {
            await FinishCreation();
        }
        catch (Exception e)
        {
            Loop.Stop();
            LogCreationFailed(logger, Id, e.Message);
        }
    }

    private async Task CreateFrom(CampaignSpec spec, Campaign campaign)
    {
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
        Current.PolicyVersion = policy.Version;
        KillPoints.Reach(KillPoints.Create, 0);
        await Checkpoint(0, policy.WeightsHash);
        Current.Status = CampaignStatus.Created;
        await state.WriteStateAsync();
        _consistent = true;
    }

    public Task Start() => Run(CampaignAction.Start);

    public Task ResumeFromCheckpoint() => Run(CampaignAction.Resume);

    /// <summary>Starts the loop, as <paramref name="action"/> (start or resume) and the lifecycle's table allow.</summary>
    private async Task Run(CampaignAction action)
    {
        if (!Transition(action).Changes)
        {
            return;
        }
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
    }

    public async Task Pause()
    {
        if (Transition(CampaignAction.Pause).Changes)
        {
            await Halt(CampaignStatus.Paused);
        }
    }

    public async Task Terminate()
    {
        if (Transition(CampaignAction.Stop).Changes)
        {
            await Halt(CampaignStatus.Stopped);
        }
    }

    public async Task Suspend()
    {
        if (Current.Status == CampaignStatus.Running)
        {
            Loop.Stop();
            await CheckpointWhereItStands();
            await state.WriteStateAsync();
        }
    }

    /// <summary>What <paramref name="action"/> does in the current status; refused (409 through the API) as the table says.</summary>
    private CampaignTransition Transition(CampaignAction action)
    {
        var transition = CampaignLifecycle.Decide(Current.Status, action);
        return transition.Allowed ? transition : throw new CampaignConflictException($"campaign '{Id}': {transition.Refusal}.");
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
        await CheckpointWhereItStands();
        Current.Status = status;
        await state.WriteStateAsync();
        await Loop.Disarm();
    }

    /// <summary>
    /// Halted campaigns may wait long, and silos restart meanwhile: commits the step the campaign stands at (the loop
    /// stopped), so that resuming recomputes nothing.
    /// </summary>
    private async Task CheckpointWhereItStands()
    {
        if (_consistent && Current.LastCheckpoint != Current.Step)
        {
            await Checkpoint(Current.Step, _campaign!.Config.ExternalTrainer
                ? ExternalTrainer.ExternalWeightsHash
                : (await GrainFactory.GetGrain<ILearnerGrain>(Id).GetSnapshot()).WeightsHash);
        }
    }

    private async Task Complete()
    {
        Current.Status = CampaignStatus.Completed;
        Loop.Stop();
        await state.WriteStateAsync();
        await Loop.Disarm();
    }
}
