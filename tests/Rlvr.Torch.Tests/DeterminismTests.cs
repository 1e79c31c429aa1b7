namespace Rlvr.Torch.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public void SameSeedGivesSameWeightsAndSamples()
    {
        using var a = Toy.Create(seed: 7);
        using var b = Toy.Create(seed: 7);
        using var other = Toy.Create(seed: 8);

        Assert.Equal(a.WeightsHash(), b.WeightsHash());
        Assert.NotEqual(a.WeightsHash(), other.WeightsHash());
        var first = a.Sample(Toy.Prompts(), Toy.Sampling(seed: 3));
        var second = b.Sample(Toy.Prompts(), Toy.Sampling(seed: 3));
        var reseeded = a.Sample(Toy.Prompts(), Toy.Sampling(seed: 4));
        Assert.Equal(Rows(first), Rows(second));
        Assert.NotEqual(Rows(first), Rows(reseeded));
    }

    [Fact]
    public void PromptSeedsGiveEachPromptItsOwnStreamOfDraws()
    {
        using var policy = Toy.Create(seed: 7);
        SampleOptions Seeded(params ulong[] seeds) => Toy.Sampling(seed: 0) with { PromptSeeds = seeds };
        const int Group = 4;

        var batched = Rows(policy.Sample(Toy.Prompts(), Seeded(11, 12, 13)));
        var middleReseeded = Rows(policy.Sample(Toy.Prompts(), Seeded(11, 99, 13)));
        var firstAlone = Rows(policy.Sample(TokenBatch.FromSequences([[0, 5, 6]]), Toy.Sampling(seed: 11)));

        Assert.Equal(batched[..Group], middleReseeded[..Group]);
        Assert.NotEqual(batched[Group..(2 * Group)], middleReseeded[Group..(2 * Group)]);
        Assert.Equal(batched[(2 * Group)..], middleReseeded[(2 * Group)..]);
        // The first prompt draws what a call of its own with its seed draws.
        Assert.Equal(firstAlone, batched[..Group]);
        Assert.Throws<ArgumentException>(() => policy.Sample(Toy.Prompts(), Seeded(11, 12)));
    }

    [Fact]
    public void SaveThenLoadGivesBitIdenticalOutputsAndTraining()
    {
        using var source = Toy.Create(seed: 1);
        var batch = TokenBatch.FromSequences([[0, 4, 3, 5, 6], [0, 4, 6, 7]]);
        var mask = Enumerable.Repeat(true, batch.TotalTokens).ToArray();
        source.SupervisedStep(batch, mask, new OptimizerOptions());
        var state = source.SaveState();
        using var restored = Toy.Create(seed: 2);

        restored.LoadState(state);

        Assert.Equal(source.WeightsHash(), restored.WeightsHash());
        Assert.Equal(source.LogProbs(batch), restored.LogProbs(batch));
        Assert.Equal(source.LogProbs(batch, reference: true), restored.LogProbs(batch, reference: true));
        Assert.Equal(Rows(source.Sample(Toy.Prompts(), Toy.Sampling(5))), Rows(restored.Sample(Toy.Prompts(), Toy.Sampling(5))));
        // The optimizer state came along: the next step moves both policies identically.
        source.SupervisedStep(batch, mask, new OptimizerOptions());
        restored.SupervisedStep(batch, mask, new OptimizerOptions());
        Assert.Equal(source.WeightsHash(), restored.WeightsHash());
    }

    [Fact]
    public void StateFileRoundTrips()
    {
        using var source = Toy.Create(seed: 1);
        using var restored = Toy.Create(seed: 2);
        var path = Path.Combine(Path.GetTempPath(), $"rlvr-torch-{Guid.NewGuid():N}.pt");
        try
        {
            source.SaveState(path);
            restored.LoadState(path);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Equal(source.WeightsHash(), restored.WeightsHash());
    }

    [Fact]
    public void ExportedWeightsReproduceThePolicy()
    {
        using var source = Toy.Create(seed: 1);
        using var worker = Toy.Create(seed: 2);

        worker.ImportWeights(source.ExportWeights());

        Assert.Equal(source.WeightsHash(), worker.WeightsHash());
        Assert.Equal(source.LogProbs(Toy.Prompts()), worker.LogProbs(Toy.Prompts()));
    }

    [Fact]
    public void MiniBatchShuffleFollowsItsSeed()
    {
        var sequences = TokenBatch.FromSequences([[0, 4, 3, 5], [0, 4, 6, 7], [0, 5, 5, 9], [0, 8, 2, 2]]);
        var batch = new TrainingBatch(sequences, Enumerable.Range(0, 16).Select(i => i % 4 != 0).ToArray(), [1f, -1f, 0.5f, -0.5f]);
        var options = new GrpoOptions { Optimizer = new OptimizerOptions { LearningRate = 1e-2 }, MiniBatches = 2, ShuffleSeed = 1 };
        using var a = Toy.Create();
        using var b = Toy.Create();
        using var c = Toy.Create();

        a.GrpoStep(batch, options);
        b.GrpoStep(batch, options);
        c.GrpoStep(batch, options with { ShuffleSeed = 2 });

        Assert.Equal(a.WeightsHash(), b.WeightsHash());
        Assert.NotEqual(a.WeightsHash(), c.WeightsHash());
    }

    [Fact]
    public void KvCacheSamplingEqualsRecomputeSampling()
    {
        using var policy = Toy.Create(seed: 3);
        var options = Toy.Sampling(seed: 11);

        var cached = policy.Sample(Toy.Prompts(), options);
        var recomputed = policy.Sample(Toy.Prompts(), options with { UseKvCache = false });

        Assert.Equal(Rows(recomputed), Rows(cached));
        for (var row = 0; row < cached.Rows; row++)
        {
            AssertClose(recomputed.CompletionLogProbs(row), cached.CompletionLogProbs(row));
        }
    }

    [Fact]
    public void SampledLogProbsMatchTheLogProbsOfTheSampledSequences()
    {
        using var policy = Toy.Create(seed: 3);
        var prompts = Toy.Prompts();
        var result = policy.Sample(prompts, Toy.Sampling(seed: 12));
        var batch = result.ToTrainingBatch(prompts, new float[result.Rows]);

        var scored = policy.LogProbs(batch.Sequences);

        var expected = batch.BehaviorLogProbs!.Where((_, i) => batch.ResponseMask[i]).ToArray();
        var actual = scored.Where((_, i) => batch.ResponseMask[i]).ToArray();
        AssertClose(expected, actual);
    }

    private static string[] Rows(SampleResult result) =>
        Enumerable.Range(0, result.Rows).Select(r => string.Join(',', result.Completion(r).ToArray())).ToArray();

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(MathF.Abs(expected[i] - actual[i]) < 1e-4f, $"entry {i}: {expected[i]} vs {actual[i]}");
        }
    }
}
