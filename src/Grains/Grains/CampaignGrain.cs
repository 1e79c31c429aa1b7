using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Configuration;
using Rlvr.Grains.Curriculum;
using Rlvr.Runtime;
using Rlvr.Runtime.Checkpoints;

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
    ILogger<CampaignGrain> logger)
    : Grain, ICampaignGrain, IRemindable
{
    public const string LoopReminder = "campaign-loop";

    /// <summary>Short, so a restarted silo resumes within seconds; a tick on a running loop only checks it.</summary>
    private static readonly TimeSpan LoopReminderPeriod = TimeSpan.FromSeconds(2);

    private Campaign? _campaign;
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

    private string Id => GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Current.Spec is { } spec)
        {
            _campaign = campaigns.Load(spec);
            if (Current.Status == CampaignStatus.Running)
            {
                StartLoop();
            }
        }
        return Task.CompletedTask;
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
                    $"campaign '{GetPrimaryKeyString()}' already exists with configuration {Current.ConfigHash}; this one is {campaign.ConfigHash}.");
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
        var id = GetPrimaryKeyString();
        await GrainFactory.GetGrain<ICampaignRegistryGrain>(ICampaignRegistryGrain.Key).Register(id);
        // The learner first: it trains and caches the warm start, which the curriculum's policy embedding reads.
        var policy = await GrainFactory.GetGrain<ILearnerGrain>(id).Initialize(spec);
        await GrainFactory.GetGrain<ICurriculumSchedulerGrain>(id).Configure(spec);
        if (campaign.Config.Replay.Enabled)
        {
            await GrainFactory.GetGrain<IReplayBufferGrain>(id).Configure(spec);
        }
        var baseline = await new CampaignStep(id, campaign, GrainFactory).Evaluate(0, policy.Version);
        MetricsLog.Rewrite(spec.CampaignDirectory(id), [], [baseline]);
        _campaign = campaign;
        state.State = new CampaignState
        {
            Spec = spec,
            ConfigHash = campaign.ConfigHash,
            Status = CampaignStatus.Created,
            Steps = campaign.Config.Steps,
            PolicyVersion = policy.Version,
            Evaluations = [baseline],
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
                await RegisterOrUpdateReminder(LoopReminder, LoopReminderPeriod, LoopReminderPeriod);
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
                throw new CampaignConflictException($"campaign '{GetPrimaryKeyString()}' cannot start from status {Current.Status}.");
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
        }
        else
        {
            // Left by a crash between storing a paused, completed or failed status and unregistering.
            await RemoveLoopReminder();
        }
    }

    public Task<CampaignProgress> GetProgress() => Task.FromResult(Progress());

    public Task<IReadOnlyList<StepMetrics>> GetMetrics(long sinceStep) =>
        Task.FromResult<IReadOnlyList<StepMetrics>>(Current.Metrics.Where(m => m.Step > sinceStep).ToList());

    private CampaignProgress Progress() => _creating is { } creating
        ? new(CampaignStatus.Creating, 0, creating.Config.Steps, 0, creating.ConfigHash, null, [], null)
        : new(
            Current.Status == CampaignStatus.None && _creationError is not null ? CampaignStatus.Failed : Current.Status,
            Current.Step, Current.Steps, Current.PolicyVersion, Current.ConfigHash,
            Current.Metrics.Count > 0 ? Current.Metrics[^1] : null, Current.Evaluations.ToList(), Current.Error ?? _creationError);

    private void StartLoop() => _loop ??= RegisterGrainTimer(_ => Tick(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));

    private void StopLoop()
    {
        _loop?.Dispose();
        _loop = null;
    }

    // After the status is stored (see Start).
    private async Task RemoveLoopReminder()
    {
        if (await GetReminder(LoopReminder) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    private async Task Tick()
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
        catch (SiloShuttingDownException)
        {
            // Not the step's fault: the campaign stays running, and its reminder resumes it from the last checkpoint
            // once a silo is back.
            StopLoop();
            _consistent = false;
        }
        catch (Exception e)
        {
            StopLoop();
            _consistent = false;
            Current.Status = CampaignStatus.Failed;
            Current.Error = $"step {Current.Step + 1}: {e.GetType().Name}: {e.Message}";
            await state.WriteStateAsync();
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
            Current.Evaluations.Add(evaluation);
            MetricsLog.Append(Current.Spec!.CampaignDirectory(Id), evaluation);
            metrics = metrics with { Phases = metrics.Phases with { EvaluationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds } };
        }
        Current.Step = step;
        Current.PolicyVersion = update.Version;
        Current.WeightsHash = update.WeightsHash;
        Current.Metrics.Add(metrics);
        MetricsLog.Append(Current.Spec!.CampaignDirectory(Id), metrics);
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
        var record = new CampaignProgressRecord(Current.Step, Current.PolicyVersion, Current.Metrics, Current.Evaluations);
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
        Current.LastCheckpoint = step;
    }

    /// <summary>Every grain of the campaign back to the latest good checkpoint; metrics and evaluations logs rewritten to match.</summary>
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
        Current.Metrics = [.. record.Metrics];
        Current.Evaluations = [.. record.Evaluations];
        Current.LastCheckpoint = manifest.Sequence;
        MetricsLog.Rewrite(Current.Spec!.CampaignDirectory(Id), Current.Metrics, Current.Evaluations);
        await state.WriteStateAsync();
        logger.LogInformation("Campaign {Campaign} restored from checkpoint {Checkpoint} (stored progress was step {Step})", Id, manifest.Sequence, resumedFrom);
    }
}
