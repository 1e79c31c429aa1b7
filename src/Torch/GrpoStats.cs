namespace Rlvr.Torch;

/// <summary>Means over the mini-batches of one GRPO step (KL and entropy per response token; grad norm before clipping; Kl is 0 when KlCoef is 0).</summary>
public readonly record struct GrpoStats(float Loss, float Kl, float ClipFraction, float Entropy, float GradNorm);
