using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Configuration;
using Rlvr.Grains.Verifiers;
using Rlvr.Runtime;

namespace Rlvr.Grains.Grains;

/// <summary>
/// Runs the step loop on a grain timer: each tick is one turn that runs one step, stores the state and appends the
/// step's metrics to metrics.jsonl; every evaluation.interval steps, and after the last, it evaluates held-out prompts.
/// A durable reminder, registered while the campaign runs, makes sure the loop runs: its ticks activate the grain after
/// a silo restart (or after the activation was dropped), and a campaign found running on activation resumes its loop,
/// so a campaign whose silo died continues by itself.
/// </summary>
public sealed class CampaignGrain([PersistentState("campaign")] IPersistentState<CampaignState> state) : Grain, ICampaignGrain, IRemindable
{
    public const string LoopReminder = "campaign-loop";

    /// <summary>Short, so a restarted silo resumes within seconds; a tick on a running loop only checks it.</summary>
    private static readonly TimeSpan LoopReminderPeriod = TimeSpan.FromSeconds(2);

    private Campaign? _campaign;
    private IDisposable? _loop;

    private CampaignState Current => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Current.Spec is { } spec)
        {
            _campaign = spec.Load(VerifierRegistry.CreateDefault());
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
        var campaign = spec.Load(VerifierRegistry.CreateDefault());
        if (Current.Status != CampaignStatus.None)
        {
            return Current.ConfigHash == campaign.ConfigHash && Current.Spec!.DataDirectory == spec.DataDirectory
                ? Progress()
                : throw new InvalidOperationException(
                    $"campaign '{GetPrimaryKeyString()}' already exists with configuration {Current.ConfigHash}; this one is {campaign.ConfigHash}.");
        }
        var id = GetPrimaryKeyString();
        // The learner first: it trains and caches the warm start, which the curriculum's policy embedding reads.
        var policy = await GrainFactory.GetGrain<ILearnerGrain>(id).Initialize(spec);
        await GrainFactory.GetGrain<ICurriculumSchedulerGrain>(id).Configure(spec);
        if (campaign.Config.Replay.Enabled)
        {
            await GrainFactory.GetGrain<IReplayBufferGrain>(id).Configure(spec);
        }
        var baseline = await new CampaignStep(id, campaign, GrainFactory).Evaluate(0, policy.Version);
        MetricsLog.Append(spec.CampaignDirectory(id), baseline);
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
        await state.WriteStateAsync();
        return Progress();
    }

    public async Task Start()
    {
        switch (Current.Status)
        {
            case CampaignStatus.Created or CampaignStatus.Paused:
                // The reminder before the status: a crash in between leaves a reminder that finds the campaign not running
                // and removes itself, never a running campaign that nothing would wake.
                await RegisterOrUpdateReminder(LoopReminder, LoopReminderPeriod, LoopReminderPeriod);
                Current.Status = CampaignStatus.Running;
                await state.WriteStateAsync();
                StartLoop();
                break;
            case CampaignStatus.Running or CampaignStatus.Completed:
                break;
            default:
                throw new InvalidOperationException($"campaign '{GetPrimaryKeyString()}' cannot start from status {Current.Status}.");
        }
    }

    public async Task Pause()
    {
        if (Current.Status == CampaignStatus.Running)
        {
            StopLoop();
            Current.Status = CampaignStatus.Paused;
            await state.WriteStateAsync();
            await RemoveLoopReminder();
        }
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

    private CampaignProgress Progress() => new(
        Current.Status, Current.Step, Current.Steps, Current.PolicyVersion, Current.ConfigHash,
        Current.Metrics.Count > 0 ? Current.Metrics[^1] : null, Current.Evaluations.ToList(), Current.Error);

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
            await RunStep();
        }
        catch (Exception e)
        {
            StopLoop();
            Current.Status = CampaignStatus.Failed;
            Current.Error = $"step {Current.Step + 1}: {e.GetType().Name}: {e.Message}";
            await state.WriteStateAsync();
            await RemoveLoopReminder();
        }
    }

    private async Task RunStep()
    {
        var campaign = _campaign!;
        var id = GetPrimaryKeyString();
        var runner = new CampaignStep(id, campaign, GrainFactory);
        var step = Current.Step + 1;
        var (metrics, update) = await runner.Run(step, Current.PolicyVersion);
        var interval = campaign.Config.Evaluation.Interval;
        var last = step >= Current.Steps;
        if (last || (interval > 0 && step % interval == 0))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var evaluation = await runner.Evaluate(step, update.Version);
            Current.Evaluations.Add(evaluation);
            MetricsLog.Append(Current.Spec!.CampaignDirectory(id), evaluation);
            metrics = metrics with { Phases = metrics.Phases with { EvaluationMs = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds } };
        }
        Current.Step = step;
        Current.PolicyVersion = update.Version;
        Current.Metrics.Add(metrics);
        MetricsLog.Append(Current.Spec!.CampaignDirectory(id), metrics);
        if (last)
        {
            Current.Status = CampaignStatus.Completed;
            StopLoop();
        }
        await state.WriteStateAsync();
        if (last)
        {
            await RemoveLoopReminder();
        }
    }
}
