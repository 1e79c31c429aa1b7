using Orleans.Concurrency;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Storage.Logs;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Configuration;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;
using Rlvr.Training.Verifiers;

namespace Rlvr.Grains.External;

/// <summary>
/// See <see cref="IExternalTrainerGrain"/>. Reentrant, so that reports come in while the campaign's call waits;
/// changes take a lock. Each report is durable before it is answered: groups in the step's rollout ledger page,
/// updates in <see cref="TrainerUpdateLog"/>, evaluations and served leases in the (small) grain state. Opening and
/// closing work is not stored by itself: a restored campaign opens the same work again under the same key.
/// </summary>
[Reentrant]
public sealed partial class ExternalTrainerGrain(
    [PersistentState("trainer")] IPersistentState<ExternalTrainerState> state,
    CampaignCache campaigns,
    VerifierRegistry verifiers,
    IRecordLogStore logs,
    TimeProvider time)
    : Grain, IExternalTrainerGrain, IDisposable
{
    /// <summary>How long a campaign's call waits before it answers "not yet" (and is asked again).</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(2);

    /// <summary>The one share of an update's work, which a lease hands to one trainer.</summary>
    private const string UpdateShare = "update";

    private readonly SemaphoreSlim _lock = new(1, 1);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Campaign? _campaign;
    private TrainerUpdateLog? _updates;

    /// <summary>The batch of the open update, as the campaign's call gave it.</summary>
    private (long Step, IReadOnlyList<RolloutGroup> Groups)? _batch;

    /// <summary>What a change under the lock did: nothing, something a waiter may be waiting for, or that and it must be stored.</summary>
    private enum Change
    {
        None,
        Wake,
        Store,
    }

    private ExternalTrainerState Current => state.State;

    private TrainerConfig Settings => _campaign?.Config.Trainer ?? throw NotConfigured();

    private TrainerUpdateLog Updates => _updates ?? throw NotConfigured();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Current.Spec is not { } spec)
        {
            return;
        }
        _campaign = await campaigns.LoadAsync(spec);
        _updates = await TrainerUpdateLog.OpenAsync(logs, this.GetPrimaryKeyString(), Current.ForgottenThrough);
        // Groups reported after the state was last stored are in the ledger: count them reported again.
        if (Current.Open is { Kind: TrainerTaskKind.Rollout, Round: { } round } open)
        {
            var record = await Page(round.Step).GetRecord();
            open.Book.Reported.UnionWith(record.Groups
                .Where(g => g.Round == round.Round && open.Book.PromptIds.Contains(g.PromptId))
                .Select(g => g.PromptId));
        }
    }

    public async Task Configure(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _campaign = await campaigns.LoadAsync(spec);
        if (Current.Spec != spec)
        {
            state.State = new ExternalTrainerState { Spec = spec };
            await state.WriteStateAsync();
            _updates = await TrainerUpdateLog.CreateAsync(logs, this.GetPrimaryKeyString());
        }
        _updates ??= await TrainerUpdateLog.OpenAsync(logs, this.GetPrimaryKeyString(), Current.ForgottenThrough);
    }

    public async Task<IReadOnlyList<RolloutGroup>?> RollOut(ExternalRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var key = TrainerWorkKeys.Rollout(round.Step, round.Round);
        await Open(key, TrainerTaskKind.Rollout, work =>
        {
            work.Round = round;
            work.Book = TrainerLeaseBook.Open(key, round.Prompts.Select(p => p.Id));
        });
        var complete = await WaitFor(() =>
            Current.Open is { Kind: TrainerTaskKind.Rollout } work && work.Book.Key == key && Book(work).IsComplete ? work : null);
        if (complete is null)
        {
            return null;
        }
        var groups = (await Page(round.Step).GetRecord()).Groups
            .Where(g => g.Round == round.Round)
            .ToDictionary(g => g.PromptId, StringComparer.Ordinal);
        return round.Prompts.Select(p => groups[p.Id]).ToList();
    }

    public async Task<ExternalEvaluation?> Evaluate(long stepNumber, long policyVersion, IReadOnlyList<TaskPrompt> prompts, SamplingSettings sampling)
    {
        var step = stepNumber;
        if (Current.Evaluations.TryGetValue(step, out var done))
        {
            return done;
        }
        var key = TrainerWorkKeys.Evaluation(step);
        await Open(key, TrainerTaskKind.Evaluate, work =>
        {
            work.Round = new ExternalRound(step, 0, policyVersion, prompts, sampling);
            work.Book = TrainerLeaseBook.Open(key, prompts.Select(p => p.Id));
        });
        var result = await WaitFor(() => Current.Open is { Kind: TrainerTaskKind.Evaluate } work && work.Book.Key == key && Book(work).IsComplete
            ? new ExternalEvaluation(work.Greedy, work.Sampled)
            : null);
        if (result is not null)
        {
            // Stored with the next change: until then the open work holds the same rewards.
            await Locked(() =>
            {
                Current.Evaluations[step] = result;
                Close();
                return Task.FromResult(Change.Wake);
            });
        }
        return result;
    }

    public async Task<TrainerUpdateReport?> Update(long stepNumber, long policyVersion, IReadOnlyList<RolloutGroup> batch)
    {
        await OfferUpdate(stepNumber, policyVersion, batch);
        return await WaitFor(() => Updates.Get(stepNumber));
    }

    public async Task OfferUpdate(long stepNumber, long policyVersion, IReadOnlyList<RolloutGroup> batch)
    {
        var step = stepNumber;
        if (Updates.Get(step) is not null)
        {
            return;
        }
        _batch = (step, batch);
        var key = TrainerWorkKeys.Update(step);
        await Open(key, TrainerTaskKind.Update, work =>
        {
            work.Step = step;
            work.PolicyVersion = policyVersion;
            // One trainer trains (leased like prompts, so it goes to another if that one vanishes).
            work.Book = TrainerLeaseBook.Open(key, [UpdateShare]);
        });
    }

    public Task Interrupt()
    {
        Signal();
        return Task.CompletedTask;
    }

    public Task Forget(long throughStep) => Locked(() =>
    {
        Updates.Forget(throughStep);
        foreach (var step in Current.Evaluations.Keys.Where(s => s <= throughStep).ToList())
        {
            Current.Evaluations.Remove(step);
        }
        // A lease of a forgotten step is recognised by its id alone (see IsClosedLease).
        foreach (var work in Current.ClosedWork.Keys.Where(k => TrainerWorkKeys.TryStep(k, out var step) && step <= throughStep).ToList())
        {
            Current.ClosedWork.Remove(work);
        }
        var forgotten = Current.ForgottenThrough;
        Current.ForgottenThrough = Math.Max(forgotten, throughStep);
        return Task.FromResult(Current.ForgottenThrough != forgotten ? Change.Store : Change.None);
    });

    private TrainerLeaseBook Book(ExternalWork work) =>
        new(work.Book, Settings.LeasePrompts, TimeSpan.FromSeconds(Settings.LeaseSeconds));

    private IRolloutLedgerGrain Page(long step) =>
        GrainFactory.GetGrain<IRolloutLedgerGrain>(CampaignGrainKeys.RolloutLedger(this.GetPrimaryKeyString(), step));

    /// <summary>Runs <paramref name="change"/> under the lock; stores the state and wakes waiters as it says.</summary>
    private async Task Locked(Func<Task<Change>> change)
    {
        await _lock.WaitAsync();
        try
        {
            var done = await change();
            if (done == Change.Store)
            {
                await state.WriteStateAsync();
            }
            if (done != Change.None)
            {
                Signal();
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<T?> WaitFor<T>(Func<T?> ready)
        where T : class
    {
        if (ready() is { } now)
        {
            return now;
        }
        await Task.WhenAny(_changed.Task, Task.Delay(LongestWait));
        return ready();
    }

    private void Signal() => Interlocked.Exchange(ref _changed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public void Dispose() => _lock.Dispose();

    Task IExternalTrainerGrain.RequireExternal()
    {
        RequireExternal();
        return Task.CompletedTask;
    }

    private void RequireExternal()
    {
        if (_campaign?.Config.ExternalTrainer != true)
        {
            throw NotConfigured();
        }
    }

    private CampaignConflictException NotConfigured() =>
        new($"campaign '{this.GetPrimaryKeyString()}' is not trained by an external trainer (trainer.mode external).");

    public async Task Delete()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }
        DeactivateOnIdle();
    }
}
