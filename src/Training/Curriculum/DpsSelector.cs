using System.Globalization;
using Rlvr.Training.Allocation;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// DPS, Dynamics-Predictive Sampling (arXiv 2603.10887): each prompt's solve state follows a 3-state hidden Markov model
/// (<see cref="SolveStateHmm"/>) updated from its groups; a round draws kappa candidates per prompt it asks for and takes
/// those most likely to be partially solved next. After each step the rolled-out prompts take their observations and
/// every other prompt ever observed drifts back toward uncertainty, in one pass over arrays indexed by pool position.
/// </summary>
public sealed class DpsSelector : IPromptSelector, IGeneratedGroupObserver
{
    public const string StrategyName = "dps";

    private const int S = SolveStateHmm.States;

    private readonly TaskCatalog _catalog;
    private readonly PromptPositions _positions;
    private readonly DpsOptions _options;
    private readonly int _groupSize;
    private readonly double[] _a;
    private readonly double[] _pi;
    private readonly double[] _piPrev;
    private readonly int[] _sampled;
    private readonly long[] _observedAt;
    private readonly List<(int Position, int State)> _generated = [];
    private readonly PendingDecisions _pending = new();
    private PromptDecisions _decisions = new();
    private CurriculumLedger _ledger = new();

    /// <param name="groupSize">G: the rollouts every chosen prompt gets (what its decision records).</param>
    public DpsSelector(TaskCatalog catalog, DpsOptions options, int groupSize)
    {
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _positions = new PromptPositions(catalog);
        _options = options;
        _groupSize = groupSize;
        var n = _positions.Count;
        (_a, _pi, _piPrev, _sampled, _observedAt) = (new double[S * S * n], new double[S * n], new double[S * n], new int[n], new long[n]);
        ResetAll();
    }

    public string Name => StrategyName;

    public IReadOnlyList<TaskPrompt> ReferencePrompts(long stepNumber, DeterministicRng rng) => [];

    public void ObserveReference(long stepNumber, IReadOnlyList<GroupOutcome> outcomes)
    {
    }

    /// <summary>The predicted distribution over (unsolved, partial, solved) of a prompt for its next rollout.</summary>
    public IReadOnlyList<double> BeliefOf(string promptId) => Pi(_positions.OfSaved(promptId, Name)).ToArray();

    public IReadOnlyList<TaskPrompt> SelectPrompts(long stepNumber, int count, DeterministicRng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var pool = _positions.Pool;
        var candidates = (int)Math.Min(pool.Count, (long)count * _options.Kappa);
        var draws = new DistinctDraws(pool.Count);
        var drawn = new (int Position, double Score)[candidates];
        for (var k = 0; k < candidates; k++)
        {
            var position = draws.Next(rng);
            drawn[k] = (position, SolveStateHmm.Score(Pi(position), _options.EntropyWeight));
        }
        // Highest score first; equal scores (every unseen prompt at first) keep the order drawn.
        var order = Enumerable.Range(0, candidates).OrderByDescending(k => drawn[k].Score).ThenBy(k => k).ToArray();
        var taken = Math.Min(count, candidates);
        var threshold = taken > 0 ? drawn[order[taken - 1]].Score : 0;
        var chosen = new List<TaskPrompt>(count);
        for (var rank = 0; rank < candidates; rank++)
        {
            var (position, score) = drawn[order[rank]];
            var predicted = SolveStateHmm.PredictedPassRate(Pi(position));
            if (rank < taken)
            {
                chosen.Add(pool[position]);
                _pending.Add(pool[position], predicted, _groupSize,
                    string.Create(CultureInfo.InvariantCulture, $"chosen: score {score:0.####}, rank {rank + 1} of {candidates} candidates"));
            }
            else
            {
                _pending.Add(pool[position], predicted, 0,
                    string.Create(CultureInfo.InvariantCulture, $"not chosen: score {score:0.####} below the {taken}th candidate's {threshold:0.####}"));
            }
        }
        while (chosen.Count < count)
        {
            var position = rng.NextInt(pool.Count);
            chosen.Add(pool[position]);
            _pending.Add(pool[position], SolveStateHmm.PredictedPassRate(Pi(position)), _groupSize, "chosen: the round asks for more prompts than the pool holds");
        }
        return chosen;
    }

    public void ObserveGenerated(long stepNumber, IReadOnlyList<RolloutGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var group in groups)
        {
            var position = _positions.Of(group.PromptId);
            if (position >= 0)
            {
                _generated.Add((position, SolveStateHmm.ObservedState(group.PassRate)));
            }
        }
    }

    /// <summary>
    /// Ends the step: each prompt rolled out in it takes its observations in order; every other prompt ever observed
    /// drifts. A prompt never observed sits at A0 and pi0, a fixed point of the drift, and is left there.
    /// </summary>
    public void ObserveTraining(long stepNumber, IReadOnlyList<GroupOutcome> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var (position, state) in _generated)
        {
            SolveStateHmm.Observe(A(position), Pi(position), PiPrev(position), state, _options.Lambda);
            _sampled[position]++;
            _observedAt[position] = stepNumber;
        }
        for (var position = 0; position < _sampled.Length; position++)
        {
            if (_sampled[position] > 0 && _observedAt[position] != stepNumber)
            {
                SolveStateHmm.Drift(_a.AsSpan(position * S * S, S * S), _pi.AsSpan(position * S, S), _options.Lambda);
            }
        }
        _pending.CommitTo(_decisions, stepNumber);
        _ledger.Record(stepNumber, groups);
        _generated.Clear();
    }

    public CurriculumView View() => new(
        Name,
        [.. _catalog.Distributions.Select(d => new DistributionView(d.Name, null, null, null, _ledger.RolloutsOf(d.Name), _ledger.PassRateOf(d.Name)))],
        _decisions.Views(_ledger));

    public string ExportState()
    {
        var state = new DpsState { Decisions = _decisions, Ledger = _ledger };
        for (var position = 0; position < _sampled.Length; position++)
        {
            if (_sampled[position] > 0)
            {
                state.Prompts[_positions.Pool[position].Id] = new DpsPromptState
                {
                    A = A(position).ToArray(),
                    Pi = Pi(position).ToArray(),
                    PiPrev = PiPrev(position).ToArray(),
                    Sampled = _sampled[position],
                };
            }
        }
        return CurriculumJson.Serialize(state);
    }

    public void ImportState(string json)
    {
        var state = CurriculumJson.Deserialize<DpsState>(json, Name);
        ResetAll();
        foreach (var (id, prompt) in state.Prompts)
        {
            var position = _positions.OfSaved(id, Name);
            if (prompt.A.Length != S * S || prompt.Pi.Length != S || prompt.PiPrev.Length != S || prompt.Sampled <= 0)
            {
                throw new InvalidDataException($"{Name}: the saved state of prompt '{id}' needs 9 counts a, 3 probabilities pi and pi_prev and sampled > 0.");
            }
            prompt.A.CopyTo(A(position));
            prompt.Pi.CopyTo(Pi(position));
            prompt.PiPrev.CopyTo(PiPrev(position));
            _sampled[position] = prompt.Sampled;
        }
        (_decisions, _ledger) = (state.Decisions, state.Ledger);
        _generated.Clear();
        _pending.Clear();
    }

    private void ResetAll()
    {
        for (var position = 0; position < _sampled.Length; position++)
        {
            SolveStateHmm.Reset(A(position), Pi(position), PiPrev(position));
        }
        Array.Clear(_sampled);
        Array.Fill(_observedAt, long.MinValue);
    }

    private Span<double> A(int position) => _a.AsSpan(position * S * S, S * S);

    private Span<double> Pi(int position) => _pi.AsSpan(position * S, S);

    private Span<double> PiPrev(int position) => _piPrev.AsSpan(position * S, S);
}

/// <summary>The checkpointed state of <see cref="DpsSelector"/>: the model of every prompt observed so far, the decisions and the ledger.</summary>
public sealed class DpsState
{
    public Dictionary<string, DpsPromptState> Prompts { get; set; } = new(StringComparer.Ordinal);

    public PromptDecisions Decisions { get; set; } = new();

    public CurriculumLedger Ledger { get; set; } = new();
}

/// <summary>One prompt's hidden Markov model: transition counts A (row-major, next by current), pi, pi_prev and how often it was observed.</summary>
public sealed class DpsPromptState
{
    public double[] A { get; set; } = [];

    public double[] Pi { get; set; } = [];

    public double[] PiPrev { get; set; } = [];

    public int Sampled { get; set; }
}
