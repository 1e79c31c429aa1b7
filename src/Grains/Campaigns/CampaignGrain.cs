using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Placement;
using Orleans.Runtime;
using Rlvr.Grains.Contracts;
using Rlvr.Grains.Ledger;
using Rlvr.Grains.Rollouts;
using Rlvr.Storage.Checkpoints;
using Rlvr.Storage.Logs;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Configuration;
using Rlvr.Training.Metrics;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// A campaign's lifecycle and step loop. The loop runs on a grain timer, one step per turn: the step (see
/// <see cref="CampaignStep"/>), a held-out evaluation and a checkpoint when the schedule says so, the metrics appended to
/// the history, the state stored. A durable reminder, registered while the campaign runs, makes sure the loop runs: its
/// ticks activate the grain after a silo restart. A fresh activation first restores every grain of the campaign from
/// the latest good checkpoint, so the steps since are recomputed exactly and nothing is counted twice. Placed on the
/// silo whose API created or first asked for it.
/// </summary>
[PreferLocalPlacement]
public sealed class CampaignGrain(
    [PersistentState("campaign")] IPersistentState<CampaignState> state,
    CheckpointRepository checkpoints,
    IRecordLogStore logs,
    CampaignCache campaigns,
    IHostApplicationLifetime lifetime,
    IClusterMembershipService membership,
    CampaignMeters meters,
    ILogger<CampaignGrain> logger)
    : Grain, ICampaignGrain, IRemindable, IDisposable
{
    public const string LoopReminder = "campaign-loop";

    /// <summary>
    /// The watchdog's period: Orleans' minimum. A restarted silo revives its running campaigns at once (see
    /// <see cref="RunningCampaignRevival"/>); the reminder revives one whose silo died and did not come back.
    /// </summary>
    private static readonly TimeSpan LoopReminderPeriod = TimeSpan.FromMinutes(1);

    private const int MaxRestoresInARow = 5;

    private static readonly TimeSpan SiloLossBackoff = TimeSpan.FromMilliseconds(200);

    private Campaign? _campaign;
    private CampaignHistory? _history;
    private IDisposable? _loop;

    /// <summary>A <see cref="ContinueLoop"/> call is queued: the timer's ticks wait for it.</summary>
    private bool _continuing;

    /// <summary>Whether the campaign's grains hold the state of <see cref="CampaignState.Step"/>; false on activation and after a failed step.</summary>
    private bool _consistent;

    /// <summary>The restore under way, which a query and the loop may both wait for.</summary>
    private Task? _restoring;

    /// <summary>Ticks in a row that restored and then found a grain activated anew again.</summary>
    private int _restoresInARow;

    /// <summary>Pipelined: the next step's batch, generated during this step's update (and checkpointed with it).</summary>
    private GeneratedBatch? _next;

    /// <summary>
    /// The campaign being created while <see cref="Create"/> runs (its steps and configuration hash show meanwhile), and
    /// the error of a creation that failed (both in memory only: nothing was stored).
    /// </summary>
    private Campaign? _creating;
    private string? _creationError;

    private CampaignState Current => state.State;

    private string Id => this.GetPrimaryKeyString();

    private CampaignSchedule Schedule => new(_campaign!.Config, Current.Steps);

    private CampaignCheckpointer Checkpointer => new(Id, _campaign!, GrainFactory, checkpoints);

    private RolloutLedger Ledger => new(Id, GrainFactory);

    /// <summary>Cancelled by <see cref="Interrupt"/>: a step waiting for an external trainer stops waiting.</summary>
    private CancellationTokenSource _interrupt = new();

    private CampaignStep Runner(Campaign campaign) => new(Id, campaign, GrainFactory, campaign.Config.ExternalTrainer
        ? new ExternalTrainer(Id, campaign, GrainFactory, _interrupt.Token)
        : new BuiltinTrainer(Id, campaign, GrainFactory, new RolloutWorkerPool(Id, GrainFactory, membership)));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Current.Spec is { } spec)
        {
            _campaign = await campaigns.LoadAsync(spec);
            // Not cut back to the stored step: a crash between a checkpoint commit and the state write leaves the
            // checkpoint's step logged, and the restore that follows cuts the logs back to the checkpoint it uses.
            _history = await CampaignHistory.OpenAsync(logs, Id);
            if (Current.Status == CampaignStatus.Running)
            {
                StartLoop();
            }
        }
    }

    public async Task<CampaignProgress> Create(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var campaign = await campaigns.LoadAsync(spec);
        if (Current.Status != CampaignStatus.None)
        {
            if (Current.ConfigHash != campaign.ConfigHash)
            {
                throw new CampaignConflictException(
                    $"campaign '{Id}' already exists with configuration {Current.ConfigHash}; this one is {campaign.ConfigHash}.");
            }
            return Current.Spec!.DataDirectory == spec.DataDirectory
                ? Progress()
                : throw new CampaignConflictException(
                    $"campaign '{Id}' already exists with data directory {Current.Spec.DataDirectory}; this one is {spec.DataDirectory}.");
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
                await this.RegisterOrUpdateReminder(LoopReminder, LoopReminderPeriod, LoopReminderPeriod);
                await Registry.SetRunning(Id, true);
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
                StartLoop();
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

    public void Dispose() => _interrupt.Dispose();

    public async Task Interrupt()
    {
        if (_campaign?.Config.ExternalTrainer == true)
        {
            await _interrupt.CancelAsync();
            await GrainFactory.GetGrain<IExternalTrainerGrain>(Id).Interrupt();
        }
    }

    public async Task<IReadOnlyList<CheckpointManifest>> GetCheckpoints() => await checkpoints.ListCommittedAsync(Id);

    public Task<CampaignProgress> GetProgress() => Task.FromResult(Progress());

    public Task<IReadOnlyList<StepMetrics>> GetMetrics(long sinceStep) =>
        _history?.ReadMetricsAsync(sinceStep) ?? Task.FromResult<IReadOnlyList<StepMetrics>>([]);

    public Task<CurriculumSnapshot> GetCurriculum() => Query(GrainFactory.GetGrain<ICurriculumSchedulerGrain>(Id).GetSnapshot);

    public Task<ReplayStats> GetReplay() => Query(GrainFactory.GetGrain<IReplayBufferGrain>(Id).GetStats);

    /// <summary>A query of one of the campaign's grains; one that lost its state is restored first, unless the loop runs (it restores them itself).</summary>
    private async Task<T> Query<T>(Func<Task<T>> query)
    {
        if (Current.Status != CampaignStatus.Running)
        {
            await Restored();
        }
        try
        {
            return await query();
        }
        catch (CampaignRestoreRequiredException) when (Current.Status != CampaignStatus.Running)
        {
            // The grain was collected while this activation lived on (a long pause with the progress polled).
            _consistent = false;
            await Restored();
            return await query();
        }
    }

    /// <summary>Ends the loop after the current step (turns do not overlap) and stores <paramref name="status"/>.</summary>
    private async Task Halt(CampaignStatus status)
    {
        StopLoop();
        // Halted campaigns may wait long, and silos restart meanwhile: commit where it stands, so resuming recomputes nothing.
        if (_consistent && Current.LastCheckpoint != Current.Step)
        {
            await Checkpoint(Current.Step, _campaign!.Config.ExternalTrainer
                ? ExternalTrainer.ExternalWeightsHash
                : (await GrainFactory.GetGrain<ILearnerGrain>(Id).GetSnapshot()).WeightsHash);
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

    private CampaignProgress Progress() => _creating is { } creating
        ? new(CampaignStatus.Creating, 0, creating.Config.Steps, 0, creating.ConfigHash, null, [], null)
        : new(
            Current.Status == CampaignStatus.None && _creationError is not null ? CampaignStatus.Failed : Current.Status,
            Current.Step, Current.Steps, Current.PolicyVersion, Current.ConfigHash,
            _history?.Latest, _history?.Evaluations.ToList() ?? [], Current.Error ?? _creationError);

    // Kept alive: a campaign runs for days without a call, and idle collection would cut its loop. Each step queues the
    // next as a call to the grain itself (a timer tick comes a few milliseconds late); the timer starts the loop and
    // restarts it should that chain break.
    private void StartLoop() => _loop ??= this.RegisterGrainTimer(
        TimerTick, new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromMilliseconds(100)) { KeepAlive = true });

    private async Task TimerTick(CancellationToken cancellationToken)
    {
        if (!_continuing)
        {
            await Tick(cancellationToken);
            Continue();
        }
    }

    public async Task ContinueLoop()
    {
        _continuing = false;
        if (_loop is not null)
        {
            await Tick(CancellationToken.None);
            Continue();
        }
    }

    private void Continue()
    {
        if (_loop is not null && !_continuing && Current.Status == CampaignStatus.Running)
        {
            _continuing = true;
            this.AsReference<ICampaignGrain>().ContinueLoop().Ignore();
        }
    }

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
        var restoring = !_consistent;
        try
        {
            await Restored();
            if (Current.Step >= Current.Steps)
            {
                await Complete();
                return;
            }
            await RunStep();
            _restoresInARow = 0;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Not the step's fault but the silo's shutdown: the campaign stays running and resumes from its last checkpoint
            // once a silo is back (the revival at start-up, or the watchdog reminder).
            StopLoop();
            _consistent = false;
        }
        catch (TrainerInterruptedException e)
        {
            // A pause or a stop while the step waited for its external trainer: resuming restores and replays the reports.
            logger.LogInformation("Campaign {Campaign}: {Reason}", Id, e.Message);
            _consistent = false;
        }
        catch (CampaignRestoreRequiredException e) when (!restoring || _restoresInARow < MaxRestoresInARow)
        {
            // A grain of the campaign was activated anew mid-run: the next tick restores them all and recomputes. Right
            // after a silo dies the cluster may activate one anew again while it settles, so a few restores in a row are
            // allowed; more means the restore itself is broken.
            logger.LogWarning("Campaign {Campaign} restores from its last checkpoint: {Reason}", Id, e.Message);
            _consistent = false;
            _restoresInARow = restoring ? _restoresInARow + 1 : 1;
        }
        catch (Exception e) when (ClusterFailures.IsSiloLoss(e))
        {
            // A silo that held a grain of the campaign died mid-step (the learner, say): its grains come back on the
            // survivors, and the next tick restores them all from the last checkpoint and recomputes.
            logger.LogWarning("Campaign {Campaign} lost a silo mid-step and restores from its last checkpoint: {Reason}", Id, e.Message);
            _consistent = false;
            // Until membership declares the silo dead, calls to it fail at once: no need to spin.
            await Task.Delay(SiloLossBackoff, CancellationToken.None);
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

    /// <summary>
    /// One step of the loop: the step itself (its batch first, unless generated during the previous step's update; then
    /// the update, with the next step's batch generated beside it when pipelined), then what the schedule asks for, the
    /// history and the state.
    /// </summary>
    private async Task RunStep()
    {
        var step = Current.Step + 1;
        KillPoints.Reach(KillPoints.StepStart, step);
        var started = Stopwatch.GetTimestamp();
        var runner = Runner(_campaign!);
        var generated = _next is { } carried && carried.Step == step ? carried : await runner.Generate(step, RolloutVersion(step));
        _next = null;
        var training = runner.Train(generated);
        // Pipelined: the next step's batch, rolled out by the policy this update starts from, while the learner updates.
        var generating = _campaign!.Config.Pipeline && !Schedule.IsLast(step) ? runner.Generate(step + 1, RolloutVersion(step + 1)) : null;
        await Task.WhenAll(training, generating ?? Task.CompletedTask);
        var (metrics, update) = await training;
        var next = generating is null ? null : await generating;
        if (Schedule.Evaluates(step))
        {
            var evaluated = Stopwatch.GetTimestamp();
            await _history!.AppendAsync(await runner.Evaluate(step, update.Version));
            metrics = metrics with { Phases = metrics.Phases with { EvaluationMs = Stopwatch.GetElapsedTime(evaluated).TotalMilliseconds } };
        }
        var wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var elapsed = (_history!.Latest?.Phases.ElapsedMs ?? 0) + wall;
        metrics = metrics with { Phases = metrics.Phases with { WallMs = wall, ElapsedMs = elapsed } };
        _next = next;
        Current.Step = step;
        Current.PolicyVersion = update.Version;
        Current.WeightsHash = update.WeightsHash;
        await _history!.AppendAsync(metrics);
        meters.StepCompleted(Id, metrics, _campaign.Config.Grpo.GroupSize);
        var checkpoint = Schedule.Checkpoints(step);
        if (checkpoint)
        {
            await Checkpoint(step, update.WeightsHash);
        }
        if (Schedule.IsLast(step))
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
            await Checkpointer.ApplyRetention(step);
        }
    }

    /// <summary>
    /// The policy version that rolls out <paramref name="step"/>'s batch: the one its update starts from or, pipelined, the
    /// one before that (the first step's aside). The learner refuses a version it no longer holds.
    /// </summary>
    private long RolloutVersion(long step) => _campaign!.Config.Pipeline ? Math.Max(step - 2, 0) : step - 1;

    private async Task Complete()
    {
        Current.Status = CampaignStatus.Completed;
        StopLoop();
        await state.WriteStateAsync();
        await RemoveLoopReminder();
    }

    /// <summary>Commits the campaign at <paramref name="step"/> and prunes the rollout ledger behind the previous checkpoint.</summary>
    private async Task Checkpoint(long step, string weightsHash)
    {
        var progress = new CampaignProgressRecord(Current.Step, Current.PolicyVersion, Current.LastCheckpoint, _next);
        var started = Stopwatch.GetTimestamp();
        await Checkpointer.Commit(step, progress, Current.ConfigHash!, weightsHash);
        meters.CheckpointCommitted(Id, Stopwatch.GetElapsedTime(started));
        await PruneLedger(Current.LastCheckpoint);
        Current.LastCheckpoint = step;
    }

    /// <summary>
    /// Deletes the ledger's pages through <paramref name="previousCheckpoint"/>: kept back to the checkpoint before the
    /// latest, which a restore falls back to when the latest fails to verify.
    /// </summary>
    private async Task PruneLedger(long? previousCheckpoint)
    {
        if (previousCheckpoint is { } through && through > Current.LedgerPrunedThrough)
        {
            await Ledger.Prune(Current.LedgerPrunedThrough, through);
            if (_campaign!.Config.ExternalTrainer)
            {
                // The trainer's updates and evaluations are replayed from the same checkpoints the ledger is.
                await GrainFactory.GetGrain<IExternalTrainerGrain>(Id).Forget(through);
            }
            Current.LedgerPrunedThrough = through;
        }
    }

    /// <summary>Every grain of the campaign holds the state of the campaign's step: restored from the latest good checkpoint if not.</summary>
    private Task Restored() => _consistent ? Task.CompletedTask : _restoring ??= RestoreFromLatestCheckpoint();

    private async Task RestoreFromLatestCheckpoint()
    {
        try
        {
            var restored = await Checkpointer.Restore(Current.ConfigHash!);
            var resumedFrom = Current.Step;
            Current.Step = restored.Step;
            Current.PolicyVersion = restored.PolicyVersion;
            Current.WeightsHash = restored.WeightsHash;
            Current.LastCheckpoint = restored.Checkpoint;
            _next = restored.Next;
            // A crash between a commit and its pruning leaves the pruning to do.
            await PruneLedger(restored.PreviousCheckpoint);
            await _history!.CutAsync(restored.Step);
            await state.WriteStateAsync();
            meters.StepIs(Id, restored.Step);
            _consistent = true;
            logger.LogInformation(
                "Campaign {Campaign} restored from checkpoint {Checkpoint} (stored progress was step {Step})", Id, restored.Checkpoint, resumedFrom);
        }
        finally
        {
            _restoring = null;
        }
    }
}
