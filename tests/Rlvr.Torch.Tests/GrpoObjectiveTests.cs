namespace Rlvr.Torch.Tests;

/// <summary>The objective's arithmetic on a first, on-policy step, where every ratio is exactly 1 and each token's loss is -A.</summary>
public sealed class GrpoObjectiveTests
{
    // Sequence 0 (A = +1) has three response tokens, sequence 1 (A = -1) has one.
    private static readonly TokenBatch Sequences = TokenBatch.FromSequences([[0, 4, 3, 5, 6], [0, 4, 6]]);
    private static readonly bool[] Response = [false, false, true, true, true, false, false, true];

    [Theory]
    [InlineData(LossAggregation.TokenMean, 0f, -0.5f)] // (-1 - 1 - 1 + 1) / 4 tokens
    [InlineData(LossAggregation.SeqMeanTokenMean, 0f, 0f)] // (-1 + 1) / 2 sequences
    [InlineData(LossAggregation.SeqMeanTokenSumNorm, 4f, -0.25f)] // (-3 / 4 + 1 / 4) / 2 sequences
    [InlineData(LossAggregation.SeqMeanTokenSumNorm, 0f, -1f / 3f)] // the constant defaults to the longest response, 3
    public void LossAggregationModes(LossAggregation mode, float norm, float expected)
    {
        using var policy = Toy.Create();
        var options = new GrpoOptions { KlCoef = 0f, LossAggregation = mode, TokenSumNorm = norm };

        var stats = policy.GrpoStep(new TrainingBatch(Sequences, Response, [1f, -1f]), options);

        Assert.Equal(expected, stats.Loss, 1e-5f);
    }

    [Fact]
    public void DecoupledClipMeasuresTheRatioAgainstTheOldPolicyNotTheBehaviorPolicy()
    {
        using var policy = Toy.Create();
        var current = policy.LogProbs(Sequences);
        // The behavior policy gave every token e^-1 of its current probability: r_pi = r_old = e.
        var behavior = current.Select(lp => lp - 1f).ToArray();
        var batch = new TrainingBatch(Sequences, Response, [1f, 1f]);
        var options = new GrpoOptions { KlCoef = 0f };

        var plain = policy.GrpoStep(batch with { OldLogProbs = behavior }, options with { Optimizer = new OptimizerOptions { LearningRate = 1e-12 } });
        var decoupled = policy.GrpoStep(batch with { OldLogProbs = current, BehaviorLogProbs = behavior }, options);

        Assert.Equal(1f, plain.ClipFraction); // e is outside [0.8, 1.2]
        Assert.Equal(0f, decoupled.ClipFraction); // e is inside [0.8 e, 1.2 e]
    }

    [Fact]
    public void OneMiniBatchWithoutOldLogProbsUpdatesAsIfGivenTheCurrentOnes()
    {
        using var implicitOld = Toy.Create();
        using var explicitOld = Toy.Create();
        using var untouched = Toy.Create();
        var batch = new TrainingBatch(Sequences, Response, [1f, -1f]);
        var options = new GrpoOptions { KlCoef = 0f, Optimizer = new OptimizerOptions { LearningRate = 1e-2 } };

        implicitOld.GrpoStep(batch, options);
        explicitOld.GrpoStep(batch with { OldLogProbs = explicitOld.LogProbs(Sequences) }, options);

        var moved = implicitOld.LogProbs(Sequences);
        var expected = explicitOld.LogProbs(Sequences);
        var before = untouched.LogProbs(Sequences);
        for (var i = 0; i < moved.Length; i++)
        {
            Assert.True(MathF.Abs(moved[i] - expected[i]) < 1e-5f, $"token {i}: {moved[i]} vs {expected[i]}");
        }
        Assert.Contains(Enumerable.Range(0, moved.Length), i => MathF.Abs(moved[i] - before[i]) > 1e-3f);
    }

    [Fact]
    public void DualClipBoundsTheLossOfNegativeAdvantages()
    {
        using var policy = Toy.Create();
        var current = policy.LogProbs(Sequences);
        // Old probabilities e^-3 of the current ones: ratio e^3 ~ 20, so -A * ratio ~ 20 is capped at -A * c = 3.
        var old = current.Select(lp => lp - 3f).ToArray();
        var batch = new TrainingBatch(Sequences, Response, [-1f, -1f]) { OldLogProbs = old };

        var stats = policy.GrpoStep(batch, new GrpoOptions { KlCoef = 0f, DualClip = 3f });

        Assert.Equal(3f, stats.Loss, 1e-4f);
    }
}
