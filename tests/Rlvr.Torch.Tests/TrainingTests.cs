namespace Rlvr.Torch.Tests;

public sealed class TrainingTests
{
    private static readonly OptimizerOptions FastOptimizer = new() { LearningRate = 1e-2 };

    [Fact]
    public void SupervisedLossFallsOnADeterministicSequence()
    {
        using var policy = Toy.Create();
        // A cycle of four tokens: fully predictable after the first one, so the loss can approach zero.
        int[] sequence = [0, .. Enumerable.Range(0, 20).Select(i => 2 + (i % 4))];
        var batch = TokenBatch.FromSequences([sequence, sequence]);
        var mask = Enumerable.Repeat(true, batch.TotalTokens).ToArray();

        var first = policy.SupervisedStep(batch, mask, FastOptimizer);
        var last = first;
        for (var step = 0; step < 40; step++)
        {
            last = policy.SupervisedStep(batch, mask, FastOptimizer);
        }

        Assert.True(first > 2.0f, $"an untrained model is near uniform over 16 tokens (ln 16 = 2.77), got {first}");
        Assert.True(last < 0.1f, $"loss after 40 steps: {last}");
    }

    [Fact]
    public void GrpoStepRaisesPositiveAndLowersNegativeAdvantageTokens()
    {
        using var policy = Toy.Create();
        var sequences = TokenBatch.FromSequences([[0, 4, 3, 5], [0, 4, 6, 7]]);
        bool[] response = [false, false, true, true, false, false, true, true];
        var batch = new TrainingBatch(sequences, response, [1f, -1f]);
        var before = ResponseLogProb(policy, sequences, response);

        policy.GrpoStep(batch, new GrpoOptions { Optimizer = FastOptimizer, KlCoef = 0f });

        var after = ResponseLogProb(policy, sequences, response);
        Assert.True(after[0] > before[0], $"positive advantage: {before[0]} -> {after[0]}");
        Assert.True(after[1] < before[1], $"negative advantage: {before[1]} -> {after[1]}");
    }

    [Fact]
    public void KlToTheReferenceIsZeroUntilThePolicyMoves()
    {
        using var policy = Toy.Create();
        var sequences = TokenBatch.FromSequences([[0, 4, 3, 5], [0, 4, 6, 7]]);
        bool[] response = [false, true, true, true, false, true, true, true];
        var batch = new TrainingBatch(sequences, response, [1f, -1f]);
        var options = new GrpoOptions { Optimizer = FastOptimizer, KlCoef = 0.1f };

        Assert.Equal(policy.LogProbs(sequences), policy.LogProbs(sequences, reference: true));
        var first = policy.GrpoStep(batch, options);
        var second = policy.GrpoStep(batch, options);

        Assert.Equal(0f, first.Kl);
        Assert.True(second.Kl > 0f, $"kl after an update: {second.Kl}");
        policy.SnapshotReference();
        Assert.Equal(policy.LogProbs(sequences), policy.LogProbs(sequences, reference: true));
    }

    [Fact]
    public void OnPolicyFirstStepClipsNothingAndReportsEntropy()
    {
        using var policy = Toy.Create();
        var sequences = TokenBatch.FromSequences([[0, 4, 3, 5], [0, 4, 6, 7]]);
        bool[] response = [false, true, true, true, false, true, true, true];

        var stats = policy.GrpoStep(new TrainingBatch(sequences, response, [1f, -1f]), new GrpoOptions { MiniBatches = 1 });

        Assert.Equal(0f, stats.ClipFraction);
        Assert.InRange(stats.Entropy, 2.0f, MathF.Log(16) + 1e-4f);
        Assert.True(stats.GradNorm > 0f);
    }

    [Fact]
    public void TheEntropyBonusChangesTheUpdateOnlyWhenItsCoefficientIsNotZero()
    {
        var sequences = TokenBatch.FromSequences([[0, 4, 3, 5], [0, 4, 6, 7]]);
        var batch = new TrainingBatch(sequences, [false, true, true, true, false, true, true, true], [1f, -1f]);
        ulong WeightsAfter(float coefficient)
        {
            using var policy = Toy.Create();
            policy.GrpoStep(batch, new GrpoOptions { MiniBatches = 1, EntropyCoef = coefficient });
            return policy.WeightsHash();
        }

        Assert.Equal(WeightsAfter(0f), WeightsAfter(0f));
        Assert.NotEqual(WeightsAfter(0f), WeightsAfter(0.1f));
        Assert.NotEqual(WeightsAfter(0.1f), WeightsAfter(-0.1f));
    }

    private static float[] ResponseLogProb(Policy policy, TokenBatch sequences, bool[] response)
    {
        var logProbs = policy.LogProbs(sequences);
        var sums = new float[sequences.Count];
        for (var i = 0; i < sequences.Count; i++)
        {
            for (var t = 0; t < sequences.Lengths[i]; t++)
            {
                var flat = sequences.Offset(i) + t;
                sums[i] += response[flat] ? logProbs[flat] : 0f;
            }
        }

        return sums;
    }
}
