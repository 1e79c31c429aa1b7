using Orleans.Storage;
using Rlvr.Grains.Contracts;
using Rlvr.Training.Grpo;

namespace Rlvr.Grains.Ledger;

/// <summary>
/// A step's page of the rollout ledger. Each <see cref="Record"/> stores its new groups as a record of their own (grain
/// state "ledger", then "ledger-1", "ledger-2", ...: a page stored whole before these read as its first record), so
/// that a report's write is the size of what it reports: an external trainer's round reports one lease at a time, and
/// rewriting the page on each made a round's writes grow with the square of its leases. The trained mark is stored
/// apart, so that marking a step trained writes a few ids, not its groups again.
/// </summary>
public sealed class RolloutLedgerGrain(
    [PersistentState("trained")] IPersistentState<TrainedGroups> trained)
    : Grain, IRolloutLedgerGrain
{
    private const string RecordState = "ledger";

    /// <summary>The page's records as stored (with their ETags, which a clear presents), in order.</summary>
    private readonly List<GrainState<RolloutStepRecord>> _records = [];

    private readonly List<RolloutGroup> _groups = [];
    private readonly HashSet<RolloutGroupId> _recorded = [];
    private IGrainStorage? _storage;

    private IGrainStorage Storage => _storage ??= GrainStorageHelpers.GetGrainStorage(GetType(), ServiceProvider);

    /// <summary>Reads the records in order up to the first absent one: records are written in order and cleared last first.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var record = new GrainState<RolloutStepRecord>(new RolloutStepRecord());
            await Storage.ReadStateAsync(Name(_records.Count), this.GetGrainId(), record);
            if (!record.RecordExists || record.State is not { } stored)
            {
                return;
            }
            _records.Add(record);
            Add(stored.Groups);
        }
    }

    public Task<RolloutStepRecord> GetRecord() =>
        Task.FromResult(new RolloutStepRecord { Groups = [.. _groups], Trained = trained.RecordExists ? trained.State.Ids : null });

    public async Task Record(IReadOnlyList<RolloutGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var added = groups.Where(g => !_recorded.Contains(RolloutGroupId.Of(g))).DistinctBy(RolloutGroupId.Of).ToList();
        if (added.Count > 0)
        {
            var record = new GrainState<RolloutStepRecord>(new RolloutStepRecord { Groups = added });
            await Storage.WriteStateAsync(Name(_records.Count), this.GetGrainId(), record);
            _records.Add(record);
            Add(added);
        }
    }

    public async Task MarkTrained(IReadOnlyList<RolloutGroupId> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (!trained.RecordExists)
        {
            trained.State = new TrainedGroups(groups);
            await trained.WriteStateAsync();
        }
        // Nothing reads a trained step in a running campaign (replay keeps its own copies): free the memory now.
        DeactivateOnIdle();
    }

    public async Task Clear()
    {
        // Last first: a clear cut short leaves the page's first records, which still read in order.
        for (var i = _records.Count - 1; i >= 0; i--)
        {
            await Storage.ClearStateAsync(Name(i), this.GetGrainId(), _records[i]);
            _records.RemoveAt(i);
        }
        _groups.Clear();
        _recorded.Clear();
        if (trained.RecordExists)
        {
            await trained.ClearStateAsync();
        }
        DeactivateOnIdle();
    }

    private static string Name(int record) =>
        record == 0 ? RecordState : $"{RecordState}-{record.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private void Add(IEnumerable<RolloutGroup> groups)
    {
        foreach (var group in groups)
        {
            _recorded.Add(RolloutGroupId.Of(group));
            _groups.Add(group);
        }
    }
}
