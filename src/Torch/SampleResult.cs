namespace Rlvr.Torch;

/// <summary>
/// Completions of <see cref="Policy.Sample"/>: row r (prompt r / G) holds <c>Lengths[r]</c> tokens (the stop
/// token included) and their log-probabilities under the sampling temperature (before top-p truncation).
/// </summary>
public sealed class SampleResult
{
    private readonly int[] tokens;
    private readonly float[] logProbs;
    private readonly int[] lengths;

    internal SampleResult(int completionsPerPrompt, int maxNewTokens, int[] tokens, float[] logProbs, int[] lengths)
    {
        CompletionsPerPrompt = completionsPerPrompt;
        MaxNewTokens = maxNewTokens;
        this.tokens = tokens;
        this.logProbs = logProbs;
        this.lengths = lengths;
    }

    public int CompletionsPerPrompt { get; }

    public int MaxNewTokens { get; }

    public int Rows => lengths.Length;

    public IReadOnlyList<int> Lengths => lengths;

    public ReadOnlySpan<int> Completion(int row) => tokens.AsSpan(row * MaxNewTokens, lengths[row]);

    public ReadOnlySpan<float> CompletionLogProbs(int row) => logProbs.AsSpan(row * MaxNewTokens, lengths[row]);

    /// <summary>
    /// The training batch of these rollouts: each row's prompt followed by its completion, the completion
    /// marked as response, its sampling log-probabilities as behavior log-probabilities.
    /// </summary>
    /// <param name="prompts">The prompts this result was sampled from.</param>
    /// <param name="advantages">One advantage per row.</param>
    public TrainingBatch ToTrainingBatch(TokenBatch prompts, float[] advantages)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(advantages);
        if (prompts.Count * CompletionsPerPrompt != Rows)
        {
            throw new ArgumentException($"{prompts.Count} prompts x {CompletionsPerPrompt} completions != {Rows} rows", nameof(prompts));
        }

        var sequenceLengths = new int[Rows];
        for (var r = 0; r < Rows; r++)
        {
            sequenceLengths[r] = prompts.Lengths[r / CompletionsPerPrompt] + lengths[r];
        }

        var total = sequenceLengths.Sum();
        var sequenceTokens = new int[total];
        var response = new bool[total];
        var behavior = new float[total];
        var at = 0;
        for (var r = 0; r < Rows; r++)
        {
            var prompt = prompts.Sequence(r / CompletionsPerPrompt);
            prompt.CopyTo(sequenceTokens.AsSpan(at));
            at += prompt.Length;
            Completion(r).CopyTo(sequenceTokens.AsSpan(at));
            CompletionLogProbs(r).CopyTo(behavior.AsSpan(at));
            response.AsSpan(at, lengths[r]).Fill(true);
            at += lengths[r];
        }

        return new TrainingBatch(new TokenBatch(sequenceTokens, sequenceLengths), response, advantages) { BehaviorLogProbs = behavior };
    }
}
