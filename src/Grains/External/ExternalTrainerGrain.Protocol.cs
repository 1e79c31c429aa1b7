using Rlvr.Grains.Contracts;
using Rlvr.Training.Grpo;

namespace Rlvr.Grains.External;

// The trainer's side of the protocol: tasks handed out under leases, and the reports that close them.
public sealed partial class ExternalTrainerGrain
{

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
                task = new TrainerTask(work.Kind, lease.Id, round.Step, round.Round, round.PolicyVersion, lease.ExpiresUtc, prompts, round.Sampling,
                    Completions: [.. prompts.Select(p => round.CompletionsOf(p.Id))]);
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

    /// <summary>Closes the open work, keeping how many leases it served so that a report repeated later is a duplicate.</summary>
    private void Close()
    {
        if (Current.Open is { } open)
        {
            // Work opened again (a restore replays a step) may have served fewer leases the second time.
            var served = open.Book.Leases.Count;
            Current.ClosedWork[open.Book.Key] = Math.Max(served, Current.ClosedWork.GetValueOrDefault(open.Book.Key));
        }
        Current.Open = null;
    }

    /// <summary>
    /// Whether <paramref name="leaseId"/> is a lease of closed work: one this work served, or any lease of a step behind
    /// the checkpoints (forgotten: all its work closed long ago, and a restore never goes back to it).
    /// </summary>
    private bool IsClosedLease(string leaseId) =>
        TrainerWorkKeys.TryParseLease(leaseId, out var work, out var number)
        && TrainerWorkKeys.TryStep(work, out var step)
        && ((Current.ForgottenThrough > 0 && step <= Current.ForgottenThrough) || number <= Current.ClosedWork.GetValueOrDefault(work));

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
                if (!IsClosedLease(leaseId))
                {
                    throw new UnknownLeaseException($"lease '{leaseId}' is not open, nor one of closed work.");
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
        var wanted = round.CompletionsOf(prompt.Id);
        if (completions.Count != wanted)
        {
            throw new TrainerReportException($"{field}.completions", $"must hold {wanted} completions (the prompt's rollouts this round), got {completions.Count}");
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
}
