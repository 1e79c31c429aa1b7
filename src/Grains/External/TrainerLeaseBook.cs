using Rlvr.Grains.Contracts;

namespace Rlvr.Grains.External;

/// <summary>
/// The leases of one piece of work an external trainer does (a generation round, a held-out evaluation): its prompts go
/// out in leases of at most <c>leasePrompts</c>, each served to one trainer. A lease not fully reported by its expiry
/// goes out again, its unreported prompts only, under a new id; the old id is then gone. A trainer that asks again
/// while it holds a live lease gets that lease back (its answer may have been lost). A prompt is reported once: a
/// report again (a retry) is a duplicate and changes nothing. The caller stores a lease before serving it, and a report
/// before answering it.
/// </summary>
public sealed class TrainerLeaseBook(TrainerLeaseBookState state, int leasePrompts, TimeSpan leaseTime)
{
    public TrainerLeaseBookState State => state;

    public bool IsComplete => state.Reported.Count == state.PromptIds.Count;

    /// <summary>A new book over <paramref name="promptIds"/> (a prompt drawn twice is one prompt).</summary>
    public static TrainerLeaseBookState Open(string key, IEnumerable<string> promptIds) =>
        new() { Key = key, PromptIds = [.. promptIds.Distinct(StringComparer.Ordinal)] };

    /// <summary>
    /// The next lease for <paramref name="trainer"/>: its own live one with prompts unreported, else an expired one's
    /// rest, else unleased prompts; null when none is left.
    /// </summary>
    public TrainerLease? Serve(string trainer, DateTimeOffset now)
    {
        var held = state.Leases.FirstOrDefault(l =>
            l.Trainer == trainer && l.ReissuedAs is null && l.ExpiresUtc > now && l.PromptIds.Any(p => !state.Reported.Contains(p)));
        if (held is not null)
        {
            return held;
        }
        foreach (var expired in state.Leases.Where(l => l.ReissuedAs is null && l.ExpiresUtc <= now))
        {
            var unreported = expired.PromptIds.Where(p => !state.Reported.Contains(p)).ToList();
            if (unreported.Count > 0)
            {
                var again = Issue(unreported, trainer, now);
                expired.ReissuedAs = again.Id;
                return again;
            }
        }
        var leased = state.Leases.Where(l => l.ReissuedAs is null).SelectMany(l => l.PromptIds).ToHashSet(StringComparer.Ordinal);
        var fresh = state.PromptIds.Where(p => !leased.Contains(p) && !state.Reported.Contains(p)).Take(leasePrompts).ToList();
        return fresh.Count == 0 ? null : Issue(fresh, trainer, now);
    }

    /// <summary>
    /// Checks a report of <paramref name="promptIds"/> (in the report's order; the field names the index) under
    /// <paramref name="leaseId"/>: the new ones, the duplicates, and how many of the lease's prompts remain unreported.
    /// A late report on an expired lease that has not gone out again still counts.
    /// </summary>
    public LeaseReport Check(string leaseId, string field, IReadOnlyList<string> promptIds)
    {
        var lease = state.Leases.FirstOrDefault(l => l.Id == leaseId)
            ?? throw new UnknownLeaseException($"lease '{leaseId}' is not one of {state.Key}'s.");
        if (lease.ReissuedAs is { } again)
        {
            throw new LeaseGoneException($"lease '{leaseId}' expired and went out again as '{again}': ask for a task again.");
        }
        var fresh = new List<string>();
        var duplicates = 0;
        for (var i = 0; i < promptIds.Count; i++)
        {
            var id = promptIds[i];
            if (!lease.PromptIds.Contains(id, StringComparer.Ordinal))
            {
                throw new TrainerReportException($"{field}[{i}].promptId", $"'{id}' is not a prompt of lease '{leaseId}'");
            }
            if (state.Reported.Contains(id) || fresh.Contains(id, StringComparer.Ordinal))
            {
                duplicates++;
            }
            else
            {
                fresh.Add(id);
            }
        }
        var remaining = lease.PromptIds.Count(p => !state.Reported.Contains(p) && !fresh.Contains(p, StringComparer.Ordinal));
        return new LeaseReport(fresh, duplicates, remaining);
    }

    /// <summary>Marks the prompts of a checked report reported.</summary>
    public void Record(LeaseReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        state.Reported.UnionWith(report.Fresh);
    }

    private TrainerLease Issue(List<string> promptIds, string trainer, DateTimeOffset now)
    {
        var lease = new TrainerLease
        {
            Id = TrainerWorkKeys.Lease(state.Key, state.Leases.Count + 1),
            PromptIds = promptIds,
            Trainer = trainer,
            ExpiresUtc = now + leaseTime,
        };
        state.Leases.Add(lease);
        return lease;
    }
}
