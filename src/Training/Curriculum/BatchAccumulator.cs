using System.Globalization;
using System.Text;
using Rlvr.Training.Filters;
using Rlvr.Training.Grpo;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// Fills a step's batch of B groups, less those replayed from the buffer, from filtered generation rounds (DAPO
/// dynamic sampling, balanced filtering). Every generated group is trained on, carried or counted as dropped: unlike
/// DAPO, kept groups beyond the batch are carried to the next step instead of discarded, and counted. After
/// <c>maxRounds</c> rounds without a full batch the step fails with a message that says whether the data looks too
/// hard or too easy for the policy, with the pass rates seen.
/// </summary>
public sealed class BatchAccumulator
{
    private readonly IGroupFilter _filter;
    private readonly IGeneratedGroupObserver? _observer;
    private readonly int _maxRounds;
    private readonly double _oversample;
    private readonly List<RolloutGroup> _batch = [];
    private readonly List<(double PassRate, GroupVerdict Verdict)> _seen = [];
    private BatchAccumulatorState _state = new();
    private long _stepNumber;
    private int _size;
    private int _rounds;

    /// <param name="oversample">Prompts generated per missing group in a round (DAPO generates 3B for B).</param>
    /// <param name="observer">The selector, when it learns from every generated group and not only from the trained ones.</param>
    public BatchAccumulator(IGroupFilter filter, int batchSize, int maxRounds, double oversample = 1.0, IGeneratedGroupObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRounds);
        ArgumentOutOfRangeException.ThrowIfLessThan(oversample, 1.0);
        (_filter, BatchSize, _maxRounds, _oversample, _observer) = (filter, batchSize, maxRounds, oversample, observer);
        _size = batchSize;
    }

    /// <summary>B: the groups of a step's whole batch, fresh and replayed.</summary>
    public int BatchSize { get; }

    /// <summary>Groups still needed to fill the step's fresh batch.</summary>
    public int Missing => _size - _batch.Count;

    public bool IsFull => _batch.Count >= _size;

    /// <summary>How many prompts the next generation round should roll out: ceil(missing * oversample).</summary>
    public int PromptsForNextRound => (int)Math.Ceiling(Missing * _oversample);

    public int Rounds => _rounds;

    /// <summary>Surplus groups waiting for the next step.</summary>
    public IReadOnlyList<RolloutGroup> Carried => _state.Carried;

    /// <summary>Groups carried over from one step to the next since the campaign began.</summary>
    public long CarriedTotal => _state.CarriedTotal;

    /// <summary>Generated groups the filter dropped since the campaign began.</summary>
    public long DroppedTotal => _state.DroppedTotal;

    /// <summary>Generated groups the filter dropped in the current step.</summary>
    public int RejectedThisStep => _seen.Count(s => s.Verdict != GroupVerdict.Kept);

    /// <summary>Groups of the current batch that came from an earlier step's surplus.</summary>
    public int FromCarried { get; private set; }

    /// <summary>
    /// Starts a step whose fresh batch is B less the <paramref name="replayed"/> groups drawn from the replay buffer, so
    /// no generated group is displaced by replay; it begins with carried groups, oldest first.
    /// </summary>
    public void BeginStep(long stepNumber, int replayed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replayed);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replayed, BatchSize);
        _stepNumber = stepNumber;
        _size = BatchSize - replayed;
        _rounds = 0;
        _batch.Clear();
        _seen.Clear();
        var take = Math.Min(_size, _state.Carried.Count);
        _batch.AddRange(_state.Carried.Take(take));
        _state.Carried.RemoveRange(0, take);
        FromCarried = take;
    }

    /// <summary>Adds one generation round's groups, keeping those that pass the filter; fails when the cap is hit.</summary>
    public void AddRound(IReadOnlyList<RolloutGroup> generated)
    {
        ArgumentNullException.ThrowIfNull(generated);
        _observer?.ObserveGenerated(_stepNumber, generated);
        _rounds++;
        foreach (var group in generated)
        {
            var verdict = _filter.Judge(group);
            _seen.Add((group.PassRate, verdict));
            if (verdict != GroupVerdict.Kept)
            {
                _state.DroppedTotal++;
                continue;
            }
            if (IsFull)
            {
                _state.Carried.Add(group);
                _state.CarriedTotal++;
            }
            else
            {
                _batch.Add(group);
            }
        }
        if (!IsFull && _rounds >= _maxRounds)
        {
            throw new GenerationCapExceededException(DescribeFailure());
        }
    }

    /// <summary>The full fresh batch: exactly B less the replayed groups.</summary>
    public IReadOnlyList<RolloutGroup> TakeBatch()
    {
        if (!IsFull)
        {
            throw new InvalidOperationException($"the batch has {_batch.Count} of {_size} groups.");
        }
        return _batch.ToList();
    }

    public string ExportState() => CurriculumJson.Serialize(_state);

    public void ImportState(string json) => _state = CurriculumJson.Deserialize<BatchAccumulatorState>(json, "batch accumulator");

    private string DescribeFailure()
    {
        var tooHard = _seen.Count(s => s.Verdict == GroupVerdict.TooHard);
        var tooEasy = _seen.Count(s => s.Verdict == GroupVerdict.TooEasy);
        var verdict = tooHard >= tooEasy ? "too hard" : "too easy";
        var histogram = new StringBuilder();
        foreach (var bucket in _seen.GroupBy(s => Math.Round(s.PassRate, 2)).OrderBy(g => g.Key))
        {
            histogram.Append(CultureInfo.InvariantCulture, $"{(histogram.Length > 0 ? ", " : "")}{bucket.Key:0.00} x{bucket.Count()}");
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"step {_stepNumber}: after {_rounds} generation rounds only {_batch.Count} of {_size} groups passed the '{_filter.Name}' filter; " +
            $"the data is {verdict} for the policy ({tooHard} groups rejected as too hard, {tooEasy} as too easy). Pass rates seen: {histogram}.");
    }
}

/// <summary>The checkpointed state of <see cref="BatchAccumulator"/>: surplus groups, their running count and that of dropped groups.</summary>
public sealed class BatchAccumulatorState
{
    public List<RolloutGroup> Carried { get; set; } = [];

    public long CarriedTotal { get; set; }

    public long DroppedTotal { get; set; }
}
