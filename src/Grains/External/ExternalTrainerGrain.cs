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
public sealed class ExternalTrainerGrain(
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

    /// <summary>Lease ids of closed work kept, so that a report repeated after its work closed is a duplicate, not unknown.</summary>
    private const int ClosedLeasesKept = 256;

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
        var key = round.Round == RolloutGroup.ReferenceRound ? $"s{round.Step}-ref" : $"s{round.Step}-r{round.Round}";
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
        var key = $"s{step}-eval";
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
        var key = $"s{step}-update";
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
        var forgotten = Current.ForgottenThrough;
        Current.ForgottenThrough = Math.Max(forgotten, throughStep);
        return Task.FromResult(Current.ForgottenThrough != forgotten ? Change.Store : Change.None);
    });

    public async Task<TrainerTask> NextTask(string trainer, TimeSpan wait)
    {
        RequireExternal();
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            // Woken by any change (work opened, a report): a trainer gets new work as soon as the campaign has it.
            var changed = _changed.Task;
            var task = await TryNextTask(trainer);
            var left = deadline - time.GetUtcNow();
            if (task.Kind != TrainerTaskKind.Wait || left <= TimeSpan.Zero)
            {
                return task;
            }
            await Task.WhenAny(changed, Task.Delay(left));
        }
    }

    private async Task<TrainerTask> TryNextTask(string trainer)
    {
        var task = new TrainerTask(TrainerTaskKind.Wait);
        await Locked(() =>
        {
            var work = Current.Open;
            if (work is null || (work.Kind == TrainerTaskKind.Update && (Updates.Get(work.Step) is not null || _batch?.Step != work.Step)))
            {
                return Task.FromResult(Change.None);
            }
            var book = Book(work);
            var served = book.State.Leases.Count;
            if (book.Serve(trainer, time.GetUtcNow()) is not { } lease)
            {
                return Task.FromResult(Change.None);
            }
            if (work.Kind == TrainerTaskKind.Update)
            {
                var batch = _batch!.Value.Groups;
                var texts = batch.Select(g => _campaign!.Catalog.GetPrompt(g.PromptId)).DistinctBy(p => p.Id).ToList();
                task = new TrainerTask(TrainerTaskKind.Update, Step: work.Step, PolicyVersion: work.PolicyVersion, Prompts: texts, Batch: batch);
            }
            else
            {
                var round = work.Round!;
                var prompts = round.Prompts.DistinctBy(p => p.Id).Where(p => lease.PromptIds.Contains(p.Id)).ToList();
                task = new TrainerTask(work.Kind, lease.Id, round.Step, round.Round, round.PolicyVersion, lease.ExpiresUtc, prompts, round.Sampling);
            }
            // A prompt lease issued is stored before it is served: a lease id is never served for two different shares of
            // work, and a rollout under way survives a restart. An update is reported by step, not by lease: after a
            // restart it goes out again, and the first report counts.
            var issued = book.State.Leases.Count != served;
            return Task.FromResult(issued && work.Kind != TrainerTaskKind.Update ? Change.Store : Change.None);
        });
        return task;
    }

    public Task<LeaseReceipt> ReportGroups(string leaseId, IReadOnlyList<ReportedGroup> groups) =>
        Report(leaseId, TrainerTaskKind.Rollout, "groups", groups.Select(g => g.PromptId).ToList(), async (work, fresh) =>
        {
            var round = work.Round!;
            var made = groups.Select((g, i) => (Group: g, Index: i))
                .Where(g => fresh.Contains(g.Group.PromptId))
                .DistinctBy(g => g.Group.PromptId)
                .Select(g => Score(round, g.Group, $"groups[{g.Index}]"))
                .ToList();
            await Page(round.Step).Record(made);
            return Change.Wake;
        });

    public Task<LeaseReceipt> ReportEvaluation(string leaseId, IReadOnlyList<ReportedEvaluation> completions) =>
        Report(leaseId, TrainerTaskKind.Evaluate, "completions", completions.Select(c => c.PromptId).ToList(), (work, fresh) =>
        {
            var prompts = work.Round!.Prompts.ToDictionary(p => p.Id, StringComparer.Ordinal);
            foreach (var completion in completions.Where(c => fresh.Contains(c.PromptId)))
            {
                var prompt = prompts[completion.PromptId];
                var verifier = verifiers.Get(prompt.Verifier);
                work.Greedy[prompt.Id] = verifier.Verify(completion.Greedy, prompt.Answer).Reward;
                work.Sampled[prompt.Id] = verifier.Verify(completion.Sampled, prompt.Answer).Reward;
            }
            return Task.FromResult(Change.Store);
        });

    public async Task<UpdateReceipt> ReportUpdate(TrainerUpdateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        RequireExternal();
        var duplicate = false;
        await Locked(async () =>
        {
            if (report.Step <= Updates.Steps)
            {
                duplicate = true;
                return Change.None;
            }
            if (Current.Open is not { Kind: TrainerTaskKind.Update } work || work.Step != report.Step)
            {
                var awaited = Current.Open is { Kind: TrainerTaskKind.Update } open ? $"step {open.Step}'s" : "no update";
                throw new CampaignConflictException($"the campaign awaits {awaited}, not step {report.Step}'s.");
            }
            if (report.PolicyVersion != work.PolicyVersion + 1)
            {
                throw new TrainerReportException("policyVersion",
                    $"step {report.Step} trains policy {work.PolicyVersion} into {work.PolicyVersion + 1}, got {report.PolicyVersion}");
            }
            await Updates.AppendAsync(report);
            Close();
            return Change.Wake;
        });
        return new UpdateReceipt(report.Step, duplicate);
    }

    /// <summary>Opens work under <paramref name="key"/> unless it is the open one (a repeated call, or a replay after a restore).</summary>
    private Task Open(string key, TrainerTaskKind kind, Action<ExternalWork> setUp) => Locked(() =>
    {
        if (Current.Open is { } open && open.Kind == kind && open.Book.Key == key)
        {
            return Task.FromResult(Change.Wake);
        }
        Close();
        var work = new ExternalWork { Kind = kind };
        setUp(work);
        work.Book.Key = key;
        Current.Open = work;
        return Task.FromResult(Change.Wake);
    });

    /// <summary>Closes the open work, keeping its lease ids so that a report repeated later is a duplicate.</summary>
    private void Close()
    {
        if (Current.Open is { } open)
        {
            Current.ClosedLeases.AddRange(open.Book.Leases.Select(l => l.Id));
            Current.ClosedLeases.RemoveRange(0, Math.Max(0, Current.ClosedLeases.Count - ClosedLeasesKept));
        }
        Current.Open = null;
    }

    private async Task<LeaseReceipt> Report(
        string leaseId, TrainerTaskKind kind, string field, List<string> promptIds, Func<ExternalWork, HashSet<string>, Task<Change>> apply)
    {
        RequireExternal();
        LeaseReceipt? receipt = null;
        await Locked(async () =>
        {
            if (Current.Open is not { } work || work.Kind != kind || !work.Book.Leases.Any(l => l.Id == leaseId))
            {
                // A lease of work that has closed: all of it was reported, so this is a repeat.
                if (!Current.ClosedLeases.Contains(leaseId, StringComparer.Ordinal))
                {
                    throw new UnknownLeaseException($"lease '{leaseId}' is not open, nor one of the last closed.");
                }
                receipt = new LeaseReceipt(0, promptIds.Count, 0);
                return Change.None;
            }
            var book = Book(work);
            var check = book.Check(leaseId, field, promptIds);
            if (check.Fresh.Count == 0)
            {
                receipt = new LeaseReceipt(0, check.Duplicates, check.Remaining);
                return Change.None;
            }
            // Everything is checked before anything is kept: a report with one bad group changes nothing.
            var change = await apply(work, check.Fresh.ToHashSet(StringComparer.Ordinal));
            book.Record(check);
            receipt = new LeaseReceipt(check.Fresh.Count, check.Duplicates, check.Remaining);
            return change;
        });
        return receipt!;
    }

    /// <summary>A reported group as a rollout group: every completion checked, scored by the campaign's verifier unless the trainer did.</summary>
    private RolloutGroup Score(ExternalRound round, ReportedGroup reported, string field)
    {
        var prompt = round.Prompts.First(p => p.Id == reported.PromptId);
        var completions = reported.Completions ?? [];
        if (completions.Count != round.Sampling.GroupSize)
        {
            throw new TrainerReportException($"{field}.completions", $"must hold {round.Sampling.GroupSize} completions (the group size), got {completions.Count}");
        }
        var rewarded = completions.Count(c => c.Reward is not null);
        if (rewarded != 0 && rewarded != completions.Count)
        {
            throw new TrainerReportException($"{field}.completions", $"give a reward on every completion or on none; {rewarded} of {completions.Count} have one");
        }
        for (var i = 0; i < completions.Count; i++)
        {
            var c = completions[i];
            if (c.Text is null || c.TokenCount < 0)
            {
                throw new TrainerReportException($"{field}.completions[{i}]", "needs its text and a token count >= 0");
            }
            if (c.TokenIds is { } ids && ids.Count != c.TokenCount || c.LogProbs is { } lp && lp.Count != c.TokenCount)
            {
                throw new TrainerReportException($"{field}.completions[{i}]", $"tokenIds and logProbs, when given, hold tokenCount ({c.TokenCount}) entries");
            }
        }
        var verifier = verifiers.Get(prompt.Verifier);
        var scored = completions.Select(c => new Rollout(
            c.TokenIds ?? [], c.LogProbs ?? [], c.Reward ?? verifier.Verify(c.Text!, prompt.Answer).Reward, 0, c.Text, c.TokenCount)).ToList();
        return RolloutGroup.Create(prompt.Id, prompt.Distribution, round.Step, round.Round, round.PolicyVersion, scored, round.Sampling.ScaleByStd);
    }

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
}
