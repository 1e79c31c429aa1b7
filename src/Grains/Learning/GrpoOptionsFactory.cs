using Rlvr.Grains.Configuration;
using Rlvr.Grains.Determinism;
using Rlvr.Torch;

namespace Rlvr.Grains.Learning;

/// <summary>The torch GRPO options of a campaign's grpo block for one step (the mini-batch shuffle is seeded by the step).</summary>
public static class GrpoOptionsFactory
{
    public static GrpoOptions Create(CampaignConfig config, long step)
    {
        ArgumentNullException.ThrowIfNull(config);
        var g = config.Grpo;
        return new GrpoOptions
        {
            Optimizer = new OptimizerOptions { LearningRate = g.Lr, WeightDecay = g.WeightDecay, MaxGradNorm = g.GradClip },
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
