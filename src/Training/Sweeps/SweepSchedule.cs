using Rlvr.Training.Campaigns;

namespace Rlvr.Training.Sweeps;

/// <summary>
/// What a sweep does next, given its campaigns' statuses in plan order: start the created ones, and create the next
/// not-yet-created one when fewer than <c>concurrency</c> campaigns are in progress (creating, created, running or
/// paused: a paused campaign keeps its place) and none is being created: campaigns of one base share its warm start,
/// which the first creation trains and caches and the next ones read (two at once would both train it). Done when
/// every campaign has completed, failed or stopped.
/// </summary>
public sealed record SweepSchedule(IReadOnlyList<int> Create, IReadOnlyList<int> Start, bool Done)
{
    public static SweepSchedule Of(IReadOnlyList<CampaignStatus> statuses, int concurrency)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var inProgress = statuses.Count(s => s is CampaignStatus.Creating or CampaignStatus.Created or CampaignStatus.Running or CampaignStatus.Paused);
        var creating = statuses.Contains(CampaignStatus.Creating);
        var create = Enumerable.Range(0, statuses.Count)
            .Where(i => statuses[i] == CampaignStatus.None)
            .Take(creating || inProgress >= concurrency ? 0 : 1)
            .ToList();
        var start = Enumerable.Range(0, statuses.Count).Where(i => statuses[i] == CampaignStatus.Created).ToList();
        var done = statuses.All(s => s is CampaignStatus.Completed or CampaignStatus.Failed or CampaignStatus.Stopped);
        return new SweepSchedule(create, start, done);
    }
}
