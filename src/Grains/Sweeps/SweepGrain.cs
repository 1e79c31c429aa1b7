using Microsoft.Extensions.Logging;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Grains.Hosting;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Sweeps;

namespace Rlvr.Grains.Sweeps;

/// <summary>
/// A sweep's scheduler. While it runs, a grain timer (every <see cref="TickPeriod"/>) reads its campaigns' statuses
/// and, per <see cref="SweepSchedule"/>, starts the created ones and creates the next ones. A creation (warm start and
/// first evaluation: minutes) is not awaited in the turn: later ticks collect it, so reads and stop answer meanwhile.
/// A durable reminder, registered while the sweep runs, revives it after its silo died (and a starting silo activates
/// its running sweeps at once, see <see cref="RunningCampaignRevival"/>); its campaigns resume by themselves, and a
/// creation a crash cut short left no campaign, so the next tick creates it again.
/// </summary>
public sealed partial class SweepGrain(
    [PersistentState("sweep")] IPersistentState<SweepState> state, ILogger<SweepGrain> logger)
    : Grain, ISweepGrain, IRemindable
{
    public const string WatchdogReminder = "sweep-watchdog";

    /// <summary>The registry (<see cref="CampaignRegistryGrain"/>) keyed so holds sweep ids, and the running ones.</summary>
    public const string RegistryKey = "sweeps";

    private static readonly TimeSpan TickPeriod = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, Task> _launching = new(StringComparer.Ordinal);

    /// <summary>The comparison's inputs of completed campaigns, which no longer change.</summary>
    private readonly Dictionary<string, SweepRun> _completed = new(StringComparer.Ordinal);

    private SweepPlan? _plan;
    private RunningLoop? _loop;

    private SweepState Current => state.State;

    private string Id => this.GetPrimaryKeyString();

    private ICampaignRegistryGrain Registry => GrainFactory.GetGrain<ICampaignRegistryGrain>(RegistryKey);

    private RunningLoop Loop => _loop ??= new(this, Id, WatchdogReminder, Registry, TickPeriod);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Current.Spec is { } spec)
        {
            _plan = SweepPlan.Expand(SweepSpec.Parse(spec), Id);
            if (Current.Status == SweepStatus.Running)
            {
                Loop.Start(Tick);
            }
        }
        return Task.CompletedTask;
    }

    public async Task<SweepView> Create(string spec)
    {
        if (Current.Spec is not null)
        {
            return Current.Spec == spec
                ? await GetView()
                : throw new CampaignConflictException($"sweep '{Id}' already exists with another spec.");
        }
        var plan = SweepPlan.Expand(SweepSpec.Parse(spec), Id);
        await Registry.Register(Id);
        await Loop.Arm();
        state.State = new SweepState
        {
            Spec = spec,
            Status = SweepStatus.Running,
            CreatedUtc = DateTimeOffset.UtcNow,
        };
        await state.WriteStateAsync();
        _plan = plan;
        Loop.Start(Tick);
        LogCreated(logger, Id, plan.Campaigns.Count, plan.Concurrency);
        return await GetView();
    }

    public async Task<SweepView> Terminate()
    {
        if (Current.Status == SweepStatus.Running)
        {
            Current.Status = SweepStatus.Stopped;
            await state.WriteStateAsync();
            await Loop.Disarm();
            var progress = await Progress();
            foreach (var i in Enumerable.Range(0, progress.Length).Where(i =>
                progress[i].Status is CampaignStatus.Created or CampaignStatus.Running or CampaignStatus.Paused or CampaignStatus.Failed))
            {
                try
                {
                    await OnCampaign(i, c => c.Terminate());
                }
                catch (CampaignConflictException)
                {
                    // It completed between the look at its status and the stop: it stays completed.
                }
            }
            LogStopped(logger, Id);
        }
        return await GetView();
    }

    public Task<SweepStatus> GetStatus() => Task.FromResult(Current.Status);

    public async Task<SweepView> GetView()
    {
        if (_plan is not { } plan)
        {
            return new SweepView(Id, SweepStatus.None, default, 0, "", [], [], new SweepComparisonResult(null, null, [], [], new Dictionary<string, IReadOnlyList<SweepCurvePoint>>()));
        }
        var progress = await Progress();
        var statuses = Statuses(progress);
        var runs = new List<SweepRun>();
        for (var i = 0; i < plan.Campaigns.Count; i++)
        {
            var campaign = plan.Campaigns[i];
            runs.Add(statuses[i] == CampaignStatus.Completed
                ? await CompletedRun(i, progress[i])
                : new SweepRun(campaign.CampaignId, campaign.Arm, campaign.Seed, false, [], []));
        }
        var campaigns = plan.Campaigns.Select((c, i) => new SweepCampaignView(
            c.CampaignId, c.Arm, c.Seed, statuses[i], progress[i].Step, progress[i].Steps,
            Current.LaunchErrors.GetValueOrDefault(c.CampaignId) ?? progress[i].Error, progress[i].Silo)).ToList();
        var axes = plan.Axes.Select(a => new SweepAxisView(a.Name, a.Values.Select(v => v.Label).ToList())).ToList();
        return new SweepView(Id, Current.Status, Current.CreatedUtc, plan.Concurrency, plan.Reference, axes, campaigns,
            SweepComparison.Compare(runs, plan.Reference));
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Loop.OnWatchdog(Current.Status == SweepStatus.Running, Tick);

    private async Task Tick(CancellationToken cancellationToken)
    {
        await CollectLaunches();
        var plan = _plan!;
        var statuses = Statuses(await Progress());
        if (Current.Status != SweepStatus.Running)
        {
            // Stopped while campaigns were being created: those stop as they come.
            foreach (var i in Enumerable.Range(0, statuses.Count).Where(i => statuses[i] == CampaignStatus.Created))
            {
                await OnCampaign(i, c => c.Terminate());
            }
            if (_launching.Count == 0)
            {
                Loop.Stop();
            }
            return;
        }
        var schedule = SweepSchedule.Of(statuses, plan.Concurrency);
        foreach (var i in schedule.Start)
        {
            await OnCampaign(i, c => c.Start());
        }
        foreach (var i in schedule.Create)
        {
            var campaign = plan.Campaigns[i];
            LogCreatingCampaign(logger, Id, campaign.CampaignId);
            _launching[campaign.CampaignId] = OnCampaign(i, c => c.Create(new CampaignSpec(campaign.Yaml)));
        }
        if (schedule.Done)
        {
            Current.Status = SweepStatus.Completed;
            await state.WriteStateAsync(cancellationToken);
            await Loop.Disarm();
            Loop.Stop();
            LogCompleted(logger, Id);
        }
    }

    /// <summary>Takes the finished creations out of <see cref="_launching"/>, storing the errors of the failed ones.</summary>
    private async Task CollectLaunches()
    {
        var failed = false;
        foreach (var (id, launch) in _launching.Where(l => l.Value.IsCompleted).ToList())
        {
            _launching.Remove(id);
            if (launch.Exception?.GetBaseException() is { } error)
            {
                LogCreationFailed(logger, Id, id, error.Message);
                Current.LaunchErrors[id] = $"create: {error.GetType().Name}: {error.Message}";
                failed = true;
            }
        }
        if (failed)
        {
            await state.WriteStateAsync();
        }
    }

    private async Task<SweepRun> CompletedRun(int index, CampaignProgress progress)
    {
        var campaign = _plan!.Campaigns[index];
        if (!_completed.TryGetValue(campaign.CampaignId, out var run))
        {
            var metrics = await OnCampaign(index, c => c.GetMetrics(0));
            run = new SweepRun(campaign.CampaignId, campaign.Arm, campaign.Seed, true,
                metrics.Select(m => SweepRunStep.Of(m, campaign.GroupSize)).ToList(),
                progress.Evaluations.Select(e => new SweepRunEvaluation(e.Step, e.SampledMean, e.Mean)).ToList());
            _completed[campaign.CampaignId] = run;
        }
        return run;
    }

    private Task<CampaignProgress[]> Progress() => Task.WhenAll(_plan!.Campaigns.Select((_, i) => OnCampaign(i, c => c.GetProgress())));

    /// <summary>The campaigns' statuses as the sweep counts them: a creation in flight is Creating, a failed one Failed.</summary>
    private List<CampaignStatus> Statuses(CampaignProgress[] progress) =>
        _plan!.Campaigns.Select((c, i) =>
            Current.LaunchErrors.ContainsKey(c.CampaignId) ? CampaignStatus.Failed
            : _launching.ContainsKey(c.CampaignId) && progress[i].Status == CampaignStatus.None ? CampaignStatus.Creating
            : progress[i].Status).ToList();

    /// <summary>
    /// A call to the sweep's <paramref name="index"/>-th campaign in the slot of that index, so that whichever call
    /// activates the campaign places it there: the sweep's campaigns spread over the silos (see <see cref="CampaignPlacement"/>).
    /// </summary>
    private TTask OnCampaign<TTask>(int index, Func<ICampaignGrain, TTask> call)
        where TTask : Task =>
        CampaignPlacement.InSlot(index, () => call(GrainFactory.GetGrain<ICampaignGrain>(_plan!.Campaigns[index].CampaignId)));
}
