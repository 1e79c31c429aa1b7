namespace Rlvr.Torch.Tests;

public sealed class BadInputTests
{
    [Fact]
    public void WidthNotDivisibleByHeadsNamesTheField()
    {
        var error = Assert.Throws<ArgumentException>(() => Policy.Create(Toy.Config with { Width = 30, Heads = 4 }));
        Assert.Contains("Width", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroLayersNamesTheField()
    {
        var error = Assert.Throws<ArgumentException>(() => Policy.Create(Toy.Config with { Layers = 0 }));
        Assert.Contains("Layers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownDeviceSurfacesTheNativeMessage()
    {
        var error = Assert.Throws<TorchException>(() => Policy.Create(Toy.Config, device: "cuda:7"));
        Assert.Contains("cuda:7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TokenIdOutOfRangeSurfacesTheNativeMessage()
    {
        using var policy = Toy.Create();
        var error = Assert.Throws<TorchException>(() => policy.LogProbs(TokenBatch.FromSequences([[0, 3], [0, 99, 2]])));
        Assert.Contains("token id 99 at tokens[3]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SequenceLongerThanTheContextSurfacesTheNativeMessage()
    {
        using var policy = Toy.Create();
        var error = Assert.Throws<TorchException>(() => policy.Embed(TokenBatch.FromSequences([new int[Toy.Config.ContextLength + 1]])));
        Assert.Contains("lengths[0] = 33", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PromptPlusNewTokensBeyondTheContextSurfacesTheNativeMessage()
    {
        using var policy = Toy.Create();
        var error = Assert.Throws<TorchException>(() => policy.Sample(Toy.Prompts(), Toy.Sampling(1) with { MaxNewTokens = 30 }));
        Assert.Contains("exceeds the context length", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MismatchedBatchShapesNameTheArray()
    {
        using var policy = Toy.Create();
        var sequences = TokenBatch.FromSequences([[0, 4, 3], [0, 4]]);
        var wrongAdvantages = new TrainingBatch(sequences, new bool[5], [1f]);
        var wrongMask = new TrainingBatch(sequences, new bool[4], [1f, 2f]);

        Assert.Contains("Advantages", Assert.Throws<ArgumentException>(() => policy.GrpoStep(wrongAdvantages, new GrpoOptions())).Message, StringComparison.Ordinal);
        Assert.Contains("ResponseMask", Assert.Throws<ArgumentException>(() => policy.GrpoStep(wrongMask, new GrpoOptions())).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new TokenBatch([0, 1, 2], [2, 2]));
    }

    [Fact]
    public void EmptyResponseMaskSurfacesTheNativeMessage()
    {
        using var policy = Toy.Create();
        var batch = new TrainingBatch(TokenBatch.FromSequences([[0, 4, 3]]), new bool[3], [1f]);
        var error = Assert.Throws<TorchException>(() => policy.GrpoStep(batch, new GrpoOptions()));
        Assert.Contains("response_mask selects no token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedCheckpointFileIsATorchExceptionNamingTheFile()
    {
        using var policy = Toy.Create();
        var state = policy.SaveState();
        var path = Path.Combine(Path.GetTempPath(), $"rlvr-torch-{Guid.NewGuid():N}.pt");
        File.WriteAllBytes(path, state[..(state.Length / 2)]);
        try
        {
            var error = Assert.Throws<TorchException>(() => policy.LoadState(path));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }

        // The failed load left the policy as it was.
        using var fresh = Toy.Create();
        Assert.Equal(fresh.WeightsHash(), policy.WeightsHash());
    }

    [Fact]
    public void WeightsBufferIsNotAFullStateAndLeavesThePolicyUnchanged()
    {
        using var policy = Toy.Create(seed: 1);
        using var other = Toy.Create(seed: 2);
        var hash = policy.WeightsHash();

        var error = Assert.Throws<TorchException>(() => policy.LoadState(other.ExportWeights()));

        Assert.Contains("not a full policy state", error.Message, StringComparison.Ordinal);
        Assert.Equal(hash, policy.WeightsHash());
    }

    [Fact]
    public void MissingCheckpointFileIsAFileNotFoundException()
    {
        using var policy = Toy.Create();
        Assert.Throws<FileNotFoundException>(() => policy.LoadState(Path.Combine(Path.GetTempPath(), "no-such-policy.pt")));
    }

    [Fact]
    public void CheckpointOfAnotherConfigurationNamesBothConfigurations()
    {
        using var policy = Toy.Create();
        using var wider = Policy.Create(Toy.Config with { Width = 64 });
        var error = Assert.Throws<TorchException>(() => policy.ImportWeights(wider.ExportWeights()));
        Assert.Contains("width 64", error.Message, StringComparison.Ordinal);
        Assert.Contains("width 32", error.Message, StringComparison.Ordinal);
    }
}
