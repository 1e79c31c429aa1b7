using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Configuration;
using Rlvr.Grains.Curriculum;
using Rlvr.Storage.Checkpoints;

namespace Rlvr.Grains.Grains;

/// <summary>
/// Runs the step loop on a grain timer: each tick is one turn that runs one step, appends the step's metrics to
/// metrics.jsonl and stores the state; every evaluation.interval steps, and after the last, it evaluates held-out
/// prompts; every checkpoint.interval steps, and after the first and last, it commits a checkpoint of the whole
/// campaign (policy, curriculum, replay, its own progress). A durable reminder, registered while the campaign runs,
/// makes sure the loop runs: its ticks activate the grain after a silo restart, and a fresh activation first restores
/// every grain of the campaign from the latest good checkpoint, so the steps since are recomputed exactly and nothing
/// is counted twice.
/// </summary>
public sealed class CampaignGrain(
    [PersistentState("campaign")] IPersistentState<CampaignState> state,
    CheckpointRepository checkpoints,
    CampaignCache campaigns,
    IHostApplicationLifetime lifetime,
    ILogger<CampaignGrain> logger)
    : Grain, ICampaignGrain, IRemindable
{
    public const string LoopReminder = "campaign-loop";

    /// <summary>
    /// The watchdog's period: Orleans' minimum. A restarted silo revives its running campaigns at once (see
    /// <see cref="RunningCampaignRevival"/>); the reminder revives one whose silo died and did not come back.
    /// </summary>
    private static readonly TimeSpan LoopReminderPeriod = TimeSpan.FromMinutes(1);

    private Campaign? _campaign;
    private CampaignHistory? _history;
    private IDisposable? _loop;

    /// <summary>Whether the campaign's grains hold the state of <see cref="CampaignState.Step"/>; false on activation and after a failed step.</summary>
    private bool _consistent;

    /// <summary>
    /// The campaign being created while <see cref="Create"/> runs (its steps and configuration hash show meanwhile), and
    /// the error of a creation that failed (both in memory only: nothing was stored).
    /// </summary>
    private Campaign? _creating;
    private string? _creationError;

    private CampaignState Current => state.State;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Current.Spec is { } spec)
        {
            _campaign = campaigns.Load(spec);
            // Not cut back to the stored step: a crash between a checkpoint commit and the state write leaves the
            // checkpoint's step logged, and the restore that follows cuts the logs back to the checkpoint it uses.
            _history = await CampaignHistory.OpenAsync(spec.CampaignDirectory(Id), long.MaxValue);
            if (Current.Status == CampaignStatus.Running)
            {
                StartLoop();
            }
        }
    }

    public async Task<CampaignProgress> Create(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var campaign = campaigns.Load(spec);
        if (Current.Status != CampaignStatus.None)
        {
            return Current.ConfigHash == campaign.ConfigHash && Current.Spec!.DataDirectory == spec.DataDirectory
                ? Progress()
                : throw new CampaignConflictException(
                    $"campaign '{this.GetPrimaryKeyString()}' already exists with configuration {Current.ConfigHash}; this one is {campaign.ConfigHash}.");
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
        var id = this.GetPrimaryKeyString();
        await Registry.Register(id);
        // The learner first: it trains and caches the warm start, which the curriculum's policy embedding reads.
        var policy = await GrainFactory.GetGrain<ILearnerGrain>(id).Initialize(spec);
        await GrainFactory.GetGrain<ICurriculumSchedulerGrain>(id).Configure(spec);
        if (campaign.Config.Replay.Enabled)
        {
            await GrainFactory.GetGrain<IReplayBufferGrain>(id).Configure(spec);
        }
        var baseline = await new CampaignStep(id, campaign, GrainFactory).Evaluate(0, policy.Version);
        _history = await CampaignHistory.CreateAsync(spec.CampaignDirectory(id), baseline);
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
                await this.RegisterOrUpdateReminder(LoopReminder, LoopReminderPeriod, LoopReminderPeriod);
                await Registry.SetRunning(Id, true);
                // A failed step may have left its grains part-way through it: resume from the last checkpoint.
                _consistent &= Current.Status != CampaignStatus.Failed;
                Current.Status = CampaignStatus.Running;
                Current.Error = null;
                await state.WriteStateAsync();
                StartLoop();
                break;
            case CampaignStatus.Running or CampaignStatus.Completed:
                break;
            default:
                throw new CampaignConflictException($"campaign '{this.GetPrimaryKeyString()}' cannot start from status {Current.Status}.");
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

    public async Task<IReadOnlyList<CheckpointManifest>> GetCheckpoints() => await checkpoints.ListCommittedAsync(Id);

    /// <summary>Ends the loop after the current step (turns do not overlap) and stores <paramref name="status"/>.</summary>
    private async Task Halt(CampaignStatus status)
    {
        StopLoop();
        // Halted campaigns may wait long, and silos restart meanwhile: commit where it stands, so resuming recomputes nothing.
        if (_consistent && Current.LastCheckpoint != Current.Step)
        {
            await Checkpoint(Current.Step, (await GrainFactory.GetGrain<ILearnerGrain>(Id).GetSnapshot()).WeightsHash);
        }
        Current.Status = status;
        await state.WriteStateAsync();
        await RemoveLoopReminder();
    }

    /// <summary>A loop reminder tick: the loop runs in this activation while the campaign runs; otherwise the reminder goes.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Current.Status == CampaignStatus.Running)
        {
            StartLoop();
            // A campaign started before the registry kept running marks gets one, and is revived at start from then on.
            await Registry.SetRunning(Id, true);
        }
        else
        {
            // Left by a crash between storing a paused, completed or failed status and unregistering.
            await RemoveLoopReminder();
        }
    }

    public Task<CampaignProgress> GetProgress() => Task.FromResult(Progress());

    public Task<IReadOnlyList<StepMetrics>> GetMetrics(long sinceStep) =>
        _history?.ReadMetricsAsync(sinceStep) ?? Task.FromResult<IReadOnlyList<StepMetrics>>([]);

    private CampaignProgress Progress() => _creating is { } creating
        ? new(CampaignStatus.Creating, 0, creating.Config.Steps, 0, creating.ConfigHash, null, [], null)
        : new(
            Current.Status == CampaignStatus.None && _creationError is not null ? CampaignStatus.Failed : Current.Status,
            Current.Step, Current.Steps, Current.PolicyVersion, Current.ConfigHash,
            _history?.Latest, _history?.Evaluations.ToList() ?? [], Current.Error ?? _creationError);

    // Kept alive: a campaign runs for days without a call, and idle collection would cut its loop.
    private void StartLoop() => _loop ??= this.RegisterGrainTimer(
        Tick, new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromMilliseconds(1)) { KeepAlive = true });

    private void StopLoop()
    {
        _loop?.Dispose();
        _loop = null;
    }

    // After the status is stored (see Start); the registry's running mark goes with the reminder.
    private async Task RemoveLoopReminder()
    {
        if (await this.GetReminder(LoopReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        await Registry.SetRunning(Id, false);
    }

    private ICampaignRegistryGrain Registry => GrainFactory.GetGrain<ICampaignRegistryGrain>(ICampaignRegistryGrain.Key);

    private async Task Tick(CancellationToken cancellationToken)
    {
        if (Current.Status != CampaignStatus.Running)
        {
            StopLoop();
            return;
        }
        try
        {
            if (!_consistent)
            {
                await RestoreFromLatestCheckpoint();
                _consistent = true;
                if (Current.Step >= Current.Steps)
                {
                    await Complete();
                    return;
                }
            }
            await RunStep();
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Not the step's fault but the silo's shutdown: the campaign stays running and resumes from its last checkpoint
            // once a silo is back (the revival at start-up, or the watchdog reminder).
            StopLoop();
            _consistent = false;
        }
        catch (Exception e)
        {
            StopLoop();
            _consistent = false;
            Current.Status = CampaignStatus.Failed;
            Current.Error = $"step {Current.Step + 1}: {e.GetType().Name}: {e.Message}";
            await state.WriteStateAsync(CancellationToken.None);
            await RemoveLoopReminder();
        }
    }

    private async Task RunStep()
    {
        var campaign = _campaign!;
        var runner = new CampaignStep(Id, campaign, GrainFactory);
        var step = Current.Step + 1;
        KillPoints.Reach(KillPoints.StepStart, step);
        var (metrics, update) = await runner.Run(step, Current.PolicyVersion);
        var interval = campaign.Config.Evaluation.Interval;
        var last = step >= Current.Steps;
        if (last || (interval > 0 && step % interval == 0))
        {
            var started = Stopwatch.GetTimestamp();
            var evaluation = await runner.Evaluate(step, update.Version);
            await _history!.AppendAsync(evaluation);
            metrics = metrics with { Phases = metrics.Phases with { EvaluationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds } };
        }
        Current.Step = step;
        Current.PolicyVersion = update.Version;
        Current.WeightsHash = update.WeightsHash;
        await _history!.AppendAsync(metrics);
        var checkpoint = last || step == 1 || step % campaign.Config.Checkpoint.Interval == 0;
        if (checkpoint)
        {
            await Checkpoint(step, update.WeightsHash);
        }
        if (last)
        {
            await Complete();
        }
        else
        {
            await state.WriteStateAsync();
        }
        KillPoints.Reach(KillPoints.StepEnd, step);
        if (checkpoint)
        {
            var retention = campaign.Config.Checkpoint;
            await checkpoints.ApplyRetentionAsync(Id, step, new CheckpointRetention(retention.KeepLast, retention.KeepEvery));
        }
    }

    private async Task Complete()
    {
        Current.Status = CampaignStatus.Completed;
        StopLoop();
        await state.WriteStateAsync();
        await RemoveLoopReminder();
    }

    /// <summary>Commits the whole campaign at <paramref name="step"/>: each grain writes its blob, then the manifest goes last.</summary>
    private async Task Checkpoint(long step, string weightsHash)
    {
        var record = new CampaignProgressRecord(Current.Step, Current.PolicyVersion);
        var writes = new List<Task<CheckpointBlob>>
        {
            GrainFactory.GetGrain<ILearnerGrain>(Id).WriteCheckpoint(step),
            GrainFactory.GetGrain<ICurriculumSchedulerGrain>(Id).WriteCheckpoint(step),
            checkpoints.PutBlobAsync(Id, step, CampaignCheckpoint.CampaignBlob, Encoding.UTF8.GetBytes(CurriculumJson.Serialize(record))),
        };
        if (_campaign!.Config.Replay.Enabled)
        {
            writes.Add(GrainFactory.GetGrain<IReplayBufferGrain>(Id).WriteCheckpoint(step));
        }
        var blobs = await Task.WhenAll(writes);
        KillPoints.Reach(KillPoints.MidCheckpointWrite, step);
        await checkpoints.CommitAsync(Id, step, blobs, new Dictionary<string, string>
        {
            [CampaignCheckpoint.StepKey] = step.ToString(CultureInfo.InvariantCulture),
            [CampaignCheckpoint.ConfigHashKey] = Current.ConfigHash!,
            [CampaignCheckpoint.WeightsHashKey] = weightsHash,
        });
        KillPoints.Reach(KillPoints.CheckpointCommitted, step);
        // The ledger is kept back to the previous checkpoint, which a restore falls back to when this one fails to verify.
        if (Current.LastCheckpoint is { } previous && previous > Current.LedgerPrunedThrough)
        {
            await new RolloutLedger(Id, GrainFactory).Prune(Current.LedgerPrunedThrough, previous);
            Current.LedgerPrunedThrough = previous;
        }
        Current.LastCheckpoint = step;
    }

    /// <summary>Every grain of the campaign back to the latest good checkpoint; the history logs cut back to match.</summary>
    private async Task RestoreFromLatestCheckpoint()
    {
        var manifest = await checkpoints.LatestAsync(Id)
            ?? throw new InvalidOperationException($"campaign '{Id}' has no usable checkpoint to resume from (see the warnings above).");
        if (manifest.Metadata.GetValueOrDefault(CampaignCheckpoint.ConfigHashKey) != Current.ConfigHash)
        {
            throw new InvalidOperationException(
                $"checkpoint {manifest.Sequence} of '{Id}' has configuration {manifest.Metadata.GetValueOrDefault(CampaignCheckpoint.ConfigHashKey)}, the campaign {Current.ConfigHash}.");
        }
        var restores = new List<Task>
        {
            GrainFactory.GetGrain<ILearnerGrain>(Id).Restore(manifest),
            GrainFactory.GetGrain<ICurriculumSchedulerGrain>(Id).Restore(manifest),
        };
        if (_campaign!.Config.Replay.Enabled)
        {
            restores.Add(GrainFactory.GetGrain<IReplayBufferGrain>(Id).Restore(manifest));
        }
        await Task.WhenAll(restores);
        var bytes = await checkpoints.ReadBlobAsync(manifest, CampaignCheckpoint.CampaignBlob);
        var record = CurriculumJson.Deserialize<CampaignProgressRecord>(Encoding.UTF8.GetString(bytes), "campaign checkpoint");
        var resumedFrom = Current.Step;
        Current.Step = record.Step;
        Current.PolicyVersion = record.PolicyVersion;
        Current.WeightsHash = manifest.Metadata.GetValueOrDefault(CampaignCheckpoint.WeightsHashKey);
        Current.LastCheckpoint = manifest.Sequence;
        _history = await CampaignHistory.OpenAsync(Current.Spec!.CampaignDirectory(Id), record.Step);
        await state.WriteStateAsync();
        logger.LogInformation("Campaign {Campaign} restored from checkpoint {Checkpoint} (stored progress was step {Step})", Id, manifest.Sequence, resumedFrom);
    }
}
