using Rlvr.Training.Allocation;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// Knapsack RL (arXiv 2509.25849): a step's prompts are drawn uniformly, each one's pass rate p^ estimated from its
/// bounded reward buffer, and the step's B G rollouts split among them by <see cref="KnapsackAllocation"/>; one round,
/// groups of different sizes, all trained on. The buffers take the trained groups when the step is observed.
/// </summary>
public sealed class KnapsackPlanner : IRolloutPlanner
{
    public const string StrategyName = "knapsack";

    private readonly TaskCatalog _catalog;
    private readonly PromptPositions _positions;
    private readonly KnapsackOptions _options;
    private readonly int _groupSize;
    private readonly RewardBuffers _buffers;
    private readonly PendingDecisions _pending = new();
    private int _expected = -1;
    private PromptDecisions _decisions = new();
    private CurriculumLedger _ledger = new();

    /// <param name="groupSize">G: the mean rollouts a prompt gets; a step's budget is G per group it trains on.</param>
    public KnapsackPlanner(TaskCatalog catalog, KnapsackOptions options, int groupSize)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groupSize);
        _catalog = catalog;
        _positions = new PromptPositions(catalog);
        _options = options;
        _groupSize = groupSize;
        _buffers = new RewardBuffers(_positions.Count, options.BufferSize);
    }

    public string Name => StrategyName;

    /// <summary>p^ of a prompt, null while it has none.</summary>
    public double? EstimateOf(string promptId) => _buffers.Estimate(_positions.OfSaved(promptId, Name), _options.MinSamples);

    public AllocationStep Begin(long stepNumber, int groups, DeterministicRng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var pool = _positions.Pool;
        if (groups > pool.Count)
        {
            throw new InvalidOperationException(
                $"strategy '{Name}' rolls each prompt of a step out once, but step {stepNumber} trains on {groups} groups and the pool holds {pool.Count} prompts.");
        }
        var draws = new DistinctDraws(pool.Count);
        var positions = new int[groups];
        var estimates = new double?[groups];
        for (var k = 0; k < groups; k++)
        {
            positions[k] = draws.Next(rng);
            estimates[k] = _buffers.Estimate(positions[k], _options.MinSamples);
        }
        var (rollouts, reasons) = KnapsackAllocation.Allocate(estimates, _groupSize, _options);
        _pending.Clear();
        var budgets = new PromptBudget[groups];
        for (var k = 0; k < groups; k++)
        {
            budgets[k] = new PromptBudget(pool[positions[k]], rollouts[k]);
            _pending.Add(pool[positions[k]], estimates[k], rollouts[k], reasons[k]);
        }
        _expected = groups;
        return new RollOutRound(budgets);
    }

    public AllocationStep AfterRound(long stepNumber, int round, IReadOnlyList<RolloutGroup> groups, DeterministicRng rng)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (round != 0 || groups.Count != _expected)
        {
            throw new InvalidOperationException(
                $"strategy '{Name}' plans one round of {_expected} groups per step, but step {stepNumber} reported round {round} with {groups.Count}.");
        }
        return new TrainOn(groups);
    }

    public void ObserveTraining(long stepNumber, IReadOnlyList<GroupOutcome> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var group in groups)
        {
            var position = _positions.Of(group.PromptId);
            if (position >= 0)
            {
                _buffers.Add(position, group.Rewards);
            }
        }
        _pending.CommitTo(_decisions, stepNumber);
        _ledger.Record(stepNumber, groups);
        _expected = -1;
    }

    public CurriculumView View() => new(
        Name,
        [.. _catalog.Distributions.Select(d => new DistributionView(d.Name, null, null, null, _ledger.RolloutsOf(d.Name), _ledger.PassRateOf(d.Name)))],
        _decisions.Views(_ledger));

    public string ExportState()
    {
        var state = new KnapsackState { Decisions = _decisions, Ledger = _ledger };
        for (var position = 0; position < _buffers.Count; position++)
        {
            if (_buffers.HasRewards(position))
            {
                var (sum, count) = _buffers.Latest(position);
                state.Buffers[_positions.Pool[position].Id] = new KnapsackBuffer { Rewards = _buffers.Rewards(position), LatestSum = sum, LatestCount = count };
            }
        }
        return CurriculumJson.Serialize(state);
    }

    public void ImportState(string json)
    {
        var state = CurriculumJson.Deserialize<KnapsackState>(json, Name);
        _buffers.Clear();
        foreach (var (id, buffer) in state.Buffers)
        {
            _buffers.Restore(_positions.OfSaved(id, Name), buffer.Rewards, buffer.LatestSum, buffer.LatestCount);
        }
        (_decisions, _ledger) = (state.Decisions, state.Ledger);
        _pending.Clear();
        _expected = -1;
    }
}

/// <summary>The checkpointed state of <see cref="KnapsackPlanner"/>: each rolled-out prompt's reward buffer, the decisions and the ledger.</summary>
public sealed class KnapsackState
{
    public Dictionary<string, KnapsackBuffer> Buffers { get; set; } = new(StringComparer.Ordinal);

    public PromptDecisions Decisions { get; set; } = new();

    public CurriculumLedger Ledger { get; set; } = new();
}

/// <summary>One prompt's saved reward buffer: its last L rewards, oldest first, and the sum and size of its latest group.</summary>
public sealed class KnapsackBuffer
{
    public double[] Rewards { get; set; } = [];

    public double LatestSum { get; set; }

    public int LatestCount { get; set; }
}
