namespace Rlvr.Torch;

/// <summary>The GRPO objective's options (docs/algorithms.md, GRPO and Replay).</summary>
public sealed record GrpoOptions
{
    public OptimizerOptions Optimizer { get; init; } = new() { LearningRate = 1e-4 };

    public float ClipLow { get; init; } = 0.2f;

    /// <summary>Upper clip; DAPO's clip-higher uses 0.28.</summary>
    public float ClipHigh { get; init; } = 0.2f;

    /// <summary>Dual-clip constant c for negative advantages; values &lt;= 1 disable it.</summary>
    public float DualClip { get; init; } = 3f;

    /// <summary>beta of the k3 KL to the reference policy; 0 skips the reference entirely.</summary>
    public float KlCoef { get; init; } = 0.001f;

    public float EntropyCoef { get; init; }

    /// <summary>The temperature the rollouts were sampled with (log-probs are taken at it).</summary>
    public float Temperature { get; init; } = 1f;

    public LossAggregation LossAggregation { get; init; } = LossAggregation.TokenMean;

    /// <summary>The constant of <see cref="LossAggregation.SeqMeanTokenSumNorm"/>; 0 = the longest response in the batch.</summary>
    public float TokenSumNorm { get; init; }

    /// <summary>Optimizer steps per call: the sequences are shuffled (by <see cref="ShuffleSeed"/>) and split this many ways.</summary>
    public int MiniBatches { get; init; } = 1;

    public ulong ShuffleSeed { get; init; }
}
