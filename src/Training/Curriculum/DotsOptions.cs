namespace Rlvr.Training.Curriculum;

/// <summary>
/// DOTS parameters (docs/algorithms.md, DOTS): a reference round every <see cref="ReferenceInterval"/> (mu)
/// steps over <see cref="ReferenceSize"/> (K) prompts; selection weight exp(-|d^ - alpha| / tau).
/// <see cref="AttentionTemperature"/> stands in for the paper's trained adapter: with a fixed embedding,
/// attention is softmax(cos(e_q, e_i) / T) (the paper's z_q.z_i / sqrt(h) with f a scaled normalisation).
/// </summary>
public sealed record DotsOptions(
    int ReferenceInterval = 2,
    int ReferenceSize = 256,
    double Alpha = 0.5,
    double Temperature = 1e-3,
    double AttentionTemperature = 0.1,
    DifficultyCalibration Calibration = DifficultyCalibration.Linear);

/// <summary>How raw attention predictions are mapped to difficulties, fitted on the reference set.</summary>
public enum DifficultyCalibration
{
    None,

    /// <summary>Least-squares line from leave-one-out predictions to true difficulties (the DOTS code).</summary>
    Linear,

    /// <summary>sigmoid(w * logit(d^) + b) fitted by cross-entropy (Platt scaling, the paper's form).</summary>
    Platt,
}
