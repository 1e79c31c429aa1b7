using Orleans;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// DOTS (Sun et al., 2025): every mu steps the caller rolls out K reference prompts (<see cref="ReferencePrompts"/>)
/// and reports their true difficulty d = 1 - p; every training prompt's difficulty is then predicted by
/// attention over the reference set and calibrated on it; prompts are drawn without replacement with
/// weight exp(-|d^ - alpha| / tau) (Gumbel top-k), never twice within one round. Each round records the
/// leave-one-out predicted-vs-true Pearson correlation on the reference set, and, when the next round starts,
/// the correlation between the predictions and the difficulties then observed in training.
/// Before the first reference round prompts are drawn uniformly without replacement.
/// </summary>
public sealed class DotsSelector : IPromptSelector
{
    public const string StrategyName = "dots";

    private readonly TaskCatalog _catalog;
    private readonly DotsOptions _options;
    private readonly IPromptEmbedder _embedder;
    private DotsState _state = new();

    public DotsSelector(TaskCatalog catalog, DotsOptions options, IPromptEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(embedder);
        (_catalog, _options, _embedder) = (catalog, options, embedder);
    }

    public string Name => StrategyName;

    public IReadOnlyDictionary<string, PredictedPrompt> Predictions => _state.Predicted;

    public IReadOnlyList<DotsRound> Rounds => _state.Rounds;

    public IReadOnlyList<TaskPrompt> ReferencePrompts(long stepNumber, DeterministicRng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (_state.LastReferenceStep is { } last && stepNumber - last < _options.ReferenceInterval)
        {
            return [];
        }
        return DrawDistinct(_catalog.TrainingPrompts, Math.Min(_options.ReferenceSize, _catalog.TrainingPrompts.Count), rng);
    }

    public void ObserveReference(long stepNumber, IReadOnlyList<GroupOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0)
        {
            return;
        }
        CloseRound();
        var referencePrompts = outcomes.Select(o => _catalog.GetPrompt(o.PromptId)).ToList();
        var truth = outcomes.Select(o => 1 - o.PassRate).ToList();
        var predictor = new AttentionDifficultyPredictor(_embedder.Embed(referencePrompts), truth, _options.AttentionTemperature);
        var leaveOneOut = predictor.PredictLeaveOneOut();
        var calibration = Calibration.Fit(_options.Calibration, leaveOneOut, truth);
        var calibratedLeaveOneOut = leaveOneOut.Select(calibration.Apply).ToList();

        var measured = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < outcomes.Count; i++)
        {
            measured[outcomes[i].PromptId] = truth[i];
        }
        var pool = _catalog.TrainingPrompts;
        var embeddings = _embedder.Embed(pool);
        var predicted = new Dictionary<string, PredictedPrompt>(pool.Count, StringComparer.Ordinal);
        for (var i = 0; i < pool.Count; i++)
        {
            var difficulty = measured.TryGetValue(pool[i].Id, out var d) ? d : calibration.Apply(predictor.Predict(embeddings[i]));
            predicted[pool[i].Id] = new PredictedPrompt(pool[i].Distribution, difficulty);
        }
        _state.Predicted = predicted;
        _state.LastReferenceStep = stepNumber;
        _state.UsedThisRound = [];
        _state.RoundObservations = [];
        _state.Rounds.Add(new DotsRound(stepNumber, outcomes.Count, truth.Average(), calibration,
            Statistics.Pearson(calibratedLeaveOneOut, truth), null, 0));
    }

    public IReadOnlyList<TaskPrompt> SelectPrompts(long stepNumber, int count, DeterministicRng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var used = _state.UsedThisRound.ToHashSet(StringComparer.Ordinal);
        var candidates = _catalog.TrainingPrompts.Where(p => !used.Contains(p.Id)).ToList();
        if (candidates.Count < count)
        {
            // The round has used up the pool: start over rather than return a short batch.
            _state.UsedThisRound = [];
            candidates = _catalog.TrainingPrompts.ToList();
        }
        IReadOnlyList<TaskPrompt> chosen;
        if (_state.Predicted.Count == 0)
        {
            chosen = DrawDistinct(candidates, Math.Min(count, candidates.Count), rng);
        }
        else
        {
            chosen = candidates
                .Select(p => (Prompt: p, Key: -Math.Abs(PredictedDifficulty(p) - _options.Alpha) / _options.Temperature + rng.NextGumbel()))
                .OrderByDescending(c => c.Key)
                .Take(count)
                .Select(c => c.Prompt)
                .ToList();
        }
        _state.UsedThisRound.AddRange(chosen.Select(p => p.Id));
        return chosen;
    }

    public void ObserveTraining(long stepNumber, IReadOnlyList<GroupOutcome> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        _state.Ledger.Record(stepNumber, groups);
        foreach (var group in groups)
        {
            if (_state.Predicted.TryGetValue(group.PromptId, out var p))
            {
                _state.RoundObservations.Add(new DifficultyPair(p.Difficulty, 1 - group.PassRate));
            }
        }
    }

    public CurriculumView View()
    {
        var total = (double)_catalog.TrainingPrompts.Count;
        return new CurriculumView(
            Name,
            _catalog.Distributions
                .Select(d => new DistributionView(d.Name, null, null, null, _state.Ledger.RolloutsOf(d.Name), _state.Ledger.PassRateOf(d.Name)))
                .ToList(),
            LedgerViews.Prompts(_state.Ledger, _state.Predicted),
            _state.Rounds);
    }

    public string ExportState() => CurriculumJson.Serialize(_state);

    public void ImportState(string json) => _state = CurriculumJson.Deserialize<DotsState>(json, Name);

    private double PredictedDifficulty(TaskPrompt prompt) =>
        _state.Predicted.TryGetValue(prompt.Id, out var p) ? p.Difficulty : _options.Alpha;

    private void CloseRound()
    {
        if (_state.Rounds.Count == 0 || _state.RoundObservations.Count == 0)
        {
            return;
        }
        var pairs = _state.RoundObservations;
        var correlation = Statistics.Pearson(pairs.Select(p => p.Predicted).ToList(), pairs.Select(p => p.Observed).ToList());
        _state.Rounds[^1] = _state.Rounds[^1] with { ObservedCorrelation = correlation, Observed = pairs.Count };
    }

    private static List<TaskPrompt> DrawDistinct(IReadOnlyList<TaskPrompt> pool, int count, DeterministicRng rng)
    {
        var indices = Enumerable.Range(0, pool.Count).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = rng.NextInt(i, indices.Length);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        return indices.Take(count).Select(i => pool[i]).ToList();
    }
}

/// <summary>A prompt's predicted difficulty (its measured one for reference prompts).</summary>
public sealed record PredictedPrompt(string Distribution, double Difficulty);

/// <summary>A prediction made at selection time and the difficulty then observed in training.</summary>
public sealed record DifficultyPair(double Predicted, double Observed);

/// <summary>
/// One DOTS reference round: its step, reference size and mean true difficulty, the fitted calibration,
/// the leave-one-out Pearson correlation on the reference set, and the correlation between the round's
/// predictions and the difficulties observed in training before the next round (over <see cref="Observed"/> groups).
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.DotsRound")]
public sealed record DotsRound(
    long Step,
    int ReferenceCount,
    double MeanReferenceDifficulty,
    Calibration Calibration,
    double? ReferenceCorrelation,
    double? ObservedCorrelation,
    int Observed);

/// <summary>The checkpointed state of <see cref="DotsSelector"/>.</summary>
public sealed class DotsState
{
    public long? LastReferenceStep { get; set; }

    public Dictionary<string, PredictedPrompt> Predicted { get; set; } = [];

    public List<string> UsedThisRound { get; set; } = [];

    public List<DifficultyPair> RoundObservations { get; set; } = [];

    public List<DotsRound> Rounds { get; set; } = [];

    public CurriculumLedger Ledger { get; set; } = new();
}
