namespace Rlvr.Torch;

/// <summary>How <see cref="Policy.Sample"/> draws completions.</summary>
public sealed record SampleOptions
{
    /// <summary>G: completions per prompt; rows of the result are prompt-major (row = prompt * G + g).</summary>
    public int CompletionsPerPrompt { get; init; } = 1;

    public int MaxNewTokens { get; init; } = 16;

    /// <summary>0 = greedy (argmax).</summary>
    public float Temperature { get; init; } = 1f;

    /// <summary>Nucleus sampling mass in (0, 1]; 1 = the full distribution.</summary>
    public float TopP { get; init; } = 1f;

    /// <summary>A row stops after emitting this token (included in the completion); -1 = none.</summary>
    public int StopToken { get; init; } = CharTokenizer.EndToken;

    /// <summary>The seed of this call's draws: the same seed, weights and thread count give the same samples.</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// One seed per prompt (null = <see cref="Seed"/> for the whole call): each prompt's completions then draw from
    /// their own stream, so one call can sample many prompts whose draws are each fixed by their own key.
    /// </summary>
    public IReadOnlyList<ulong>? PromptSeeds { get; init; }

    /// <summary>Reuse keys and values of earlier positions (false recomputes the whole prefix per token).</summary>
    public bool UseKvCache { get; init; } = true;
}
