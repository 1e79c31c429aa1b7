namespace Rlvr.Torch;

/// <summary>How per-token GRPO losses become one loss (docs/algorithms.md, GRPO).</summary>
public enum LossAggregation
{
    /// <summary>Sum over all response tokens / their number (DAPO; the default).</summary>
    TokenMean = 0,

    /// <summary>Mean over sequences of each sequence's token mean (original GRPO).</summary>
    SeqMeanTokenMean = 1,

    /// <summary>Mean over sequences of each sequence's token sum / a constant (Dr. GRPO, as verl computes it).</summary>
    SeqMeanTokenSumNorm = 2,
}
