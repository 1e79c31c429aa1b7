namespace Rlvr.Training.Configuration;

/// <summary>The learner's GRPO options (docs/algorithms.md, GRPO).</summary>
public sealed class GrpoConfig
{
    public const string TokenMean = "token-mean";
    public const string SeqMeanTokenMean = "seq-mean-token-mean";
    public const string SeqMeanTokenSumNorm = "seq-mean-token-sum-norm";

    public static IReadOnlyList<string> LossAggregations { get; } = [TokenMean, SeqMeanTokenMean, SeqMeanTokenSumNorm];

    /// <summary>G, rollouts per prompt.</summary>
    public int GroupSize { get; set; } = 8;

    /// <summary>B, prompt groups per optimizer step.</summary>
    public int PromptsPerStep { get; set; } = 32;

    public double ClipLow { get; set; } = 0.2;

    public double ClipHigh { get; set; } = 0.2;

    /// <summary>Dual-clip constant c for negative advantages.</summary>
    public double DualClip { get; set; } = 3.0;

    /// <summary>k3 KL coefficient against the frozen reference; 0 disables the reference.</summary>
    public double Beta { get; set; } = 0.001;

    public string LossAggregation { get; set; } = TokenMean;

    public double EntropyCoef { get; set; }

    public double Lr { get; set; } = 3e-4;

    public double WeightDecay { get; set; }

    public double GradClip { get; set; } = 1.0;

    public int MiniBatches { get; set; } = 1;

    public double Temperature { get; set; } = 1.0;

    public double TopP { get; set; } = 1.0;

    public int MaxNewTokens { get; set; } = 16;

    /// <summary>Dr. GRPO advantages (r - mean, no std division). This also fixes DUMP's |A| signal for the run.</summary>
    public bool DrGrpo { get; set; }
}
