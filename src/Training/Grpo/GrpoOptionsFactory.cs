using Rlvr.Torch;
using Rlvr.Training.Configuration;
using Rlvr.Training.Determinism;

namespace Rlvr.Training.Grpo;

/// <summary>
/// The torch GRPO options of a campaign's grpo block for one step's update of <c>groups</c> (the mini-batch shuffle is
/// seeded by the step). The learning rate is scaled by the batch's share of fresh groups: AdamW and the gradient clip
/// make a step's length independent of how much new evidence its batch holds, so a batch half made of replayed groups
/// would otherwise move the policy as far as a fresh one, on groups it has already stepped on (README, curriculum
/// harness: replay).
/// </summary>
public static class GrpoOptionsFactory
{
    public static GrpoOptions Create(CampaignConfig config, long step, IReadOnlyList<RolloutGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(groups);
        var g = config.Grpo;
        var freshShare = groups.Count == 0 ? 1.0 : (double)groups.Count(group => group.Replays == 0) / groups.Count;
        return new GrpoOptions
        {
            Optimizer = new OptimizerOptions { LearningRate = g.Lr * freshShare, WeightDecay = g.WeightDecay, MaxGradNorm = g.GradClip },
            ClipLow = (float)g.ClipLow,
            ClipHigh = (float)g.ClipHigh,
            DualClip = (float)g.DualClip,
            KlCoef = (float)g.Beta,
            EntropyCoef = (float)g.EntropyCoef,
            Temperature = (float)g.Temperature,
            LossAggregation = g.LossAggregation switch
            {
                GrpoConfig.TokenMean => LossAggregation.TokenMean,
                GrpoConfig.SeqMeanTokenMean => LossAggregation.SeqMeanTokenMean,
                GrpoConfig.SeqMeanTokenSumNorm => LossAggregation.SeqMeanTokenSumNorm,
                _ => throw new CampaignConfigException([$"grpo.loss_aggregation: unknown value '{g.LossAggregation}'"]),
            },
            MiniBatches = g.MiniBatches,
            ShuffleSeed = RngFactory.DeriveSeed(config.Seed, step, "learner/shuffle"),
        };
    }
}
