namespace Rlvr.Torch;

/// <summary>
/// Input of <see cref="Policy.GrpoStep"/>. Per-token arrays use the flat layout of <see cref="Sequences"/>;
/// only tokens marked in <see cref="ResponseMask"/> (never a sequence's first token) count in the loss.
/// </summary>
public sealed record TrainingBatch(TokenBatch Sequences, bool[] ResponseMask, float[] Advantages)
{
    /// <summary>log pi_old per token; null = the current policy before the update (on-policy).</summary>
    public float[]? OldLogProbs { get; init; }

    /// <summary>log mu per token of the policy that generated the data; non-null enables the decoupled clip.</summary>
    public float[]? BehaviorLogProbs { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the array whose length does not fit.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Sequences);
        CheckPerToken(ResponseMask?.Length, nameof(ResponseMask));
        CheckPerToken(OldLogProbs?.Length ?? Sequences.TotalTokens, nameof(OldLogProbs));
        CheckPerToken(BehaviorLogProbs?.Length ?? Sequences.TotalTokens, nameof(BehaviorLogProbs));
        if (Advantages is null || Advantages.Length != Sequences.Count)
        {
            throw new ArgumentException($"{nameof(Advantages)} needs one entry per sequence ({Sequences.Count}), got {Advantages?.Length ?? 0}", nameof(Advantages));
        }
    }

    private void CheckPerToken(int? length, string name)
    {
        if (length != Sequences.TotalTokens)
        {
            throw new ArgumentException($"{name} needs one entry per token ({Sequences.TotalTokens}), got {length ?? 0}", name);
        }
    }
}
