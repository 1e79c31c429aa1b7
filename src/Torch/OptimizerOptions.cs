namespace Rlvr.Torch;

/// <summary>Per-step AdamW settings (betas 0.9/0.95, eps 1e-8 are fixed).</summary>
public sealed record OptimizerOptions
{
    public double LearningRate { get; init; } = 1e-3;

    public double WeightDecay { get; init; }

    /// <summary>Clip the global gradient norm to this; 0 = no clipping (the norm is still reported).</summary>
    public double MaxGradNorm { get; init; } = 1.0;
}
