using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rlvr.Grains.Contracts;
using Rlvr.Grains.Hosting;
using Rlvr.Grains.Ledger;
using Rlvr.Grains.Rollouts;
using Rlvr.Storage.Checkpoints;
using Rlvr.Storage.Logs;
using Rlvr.Training.Campaigns;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// A campaign's lifecycle and step loop. The loop runs on a grain timer, one step per turn: the step (see
/// <see cref="CampaignStep"/>), a held-out evaluation and a checkpoint when the schedule says so, the metrics appended to
/// the history, the state stored. A durable reminder, registered while the campaign runs, makes sure the loop runs: its
/// ticks activate the grain after a silo restart. A fresh activation first restores every grain of the campaign from
/// the latest good checkpoint, so the steps since are recomputed exactly and nothing is counted twice. Placed on the
/// silo whose API created or first asked for it, or, a sweep's, spread over the silos (see <see cref="CampaignPlacement"/>).
/// </summary>
[CampaignPlacement]
public sealed partial class CampaignGrain(
    [PersistentState("campaign")] IPersistentState<CampaignState> state,
    CheckpointRepository checkpoints,
    IRecordLogStore logs,
    CampaignCache campaigns,
    IHostApplicationLifetime lifetime,
    IClusterMembershipService membership,
    CampaignMeters meters,
    ILocalSiloDetails silo,
    SiloCampaigns siloCampaigns,
    TimeProvider time,
    ILogger<CampaignGrain> logger)
    : Grain, ICampaignGrain, IRemindable, IDisposable
{
    public const string LoopReminder = "campaign-loop";

    private const int MaxRestoresInARow = 5;

    private static readonly TimeSpan SiloLossBackoff = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long a creation keeps starting over while calls fail for a lost silo: until membership declares a dead silo
    /// dead (seconds to a minute), calls to it fail at once.
    /// </summary>
    private static readonly TimeSpan CreationSiloLossPatience = TimeSpan.FromMinutes(5);

    private Campaign? _campaign;
    private CampaignHistory? _history;

    /// <summary>
    /// The timer that starts the step loop (and restarts it should the chain of self-calls break) and the watchdog. A
    /// restarted silo revives its running campaigns at once (see <see cref="RunningCampaignRevival"/>); the watchdog
    /// revives one whose silo died and did not come back.
    /// </summary>
    private RunningLoop? _loop;

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
        siloCampaigns.Activated(Id);
        if (Current.Spec is { } spec)
        {
            _campaign = await campaigns.LoadAsync(spec);
            if (Current.Status == CampaignStatus.Creating)
            {
                // A creation its silo did not finish: the loop's first tick finishes it here (see FinishCreation).
                Loop.Start(TimerTick);
                return;
            }
            // Not cut back to the stored step: a crash between a checkpoint commit and the state write leaves the
            // checkpoint's step logged, and the restore that follows cuts the logs back to the checkpoint it uses.
            _history = await CampaignHistory.OpenAsync(logs, Id);
            if (Current.Status == CampaignStatus.Running)
            {
                Loop.Start(TimerTick);
            }
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        siloCampaigns.Deactivated(Id);
        return Task.CompletedTask;
    }

    public void Dispose() => _interrupt.Dispose();

    /// <summary>A creation that failed is stored with no status but its error, so that creating it again starts over; it shows as Failed.</summary>
    private CampaignProgress Progress() => new(
        Current.Status == CampaignStatus.None && Current.Error is not null ? CampaignStatus.Failed : Current.Status,
        Current.Step, Current.Steps, Current.PolicyVersion, Current.ConfigHash,
        _history?.Latest, _history?.Evaluations.ToList() ?? [], Current.Error, silo.Name, _campaign?.Config.Strategy.Name, Current.CreatedUtc);

    private ICampaignRegistryGrain Registry => GrainFactory.GetGrain<ICampaignRegistryGrain>(ICampaignRegistryGrain.Key);

    /// <summary>Each step queues the next as a call to the grain itself (a timer tick comes a few milliseconds late).</summary>
    private RunningLoop Loop => _loop ??= new(this, Id, LoopReminder, Registry, TimeSpan.FromMilliseconds(100));
}
