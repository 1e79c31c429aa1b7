namespace Rlvr.Torch.Tests;

public sealed class EmbedTests
{
    [Fact]
    public void EmbeddingOfASequenceDoesNotDependOnItsBatch()
    {
        using var policy = Toy.Create();
        int[] shortSequence = [0, 4, 5];
        int[] longSequence = [0, 9, 8, 7, 6, 5, 4];

        var alone = policy.Embed(TokenBatch.FromSequences([shortSequence]));
        var batched = policy.Embed(TokenBatch.FromSequences([longSequence, shortSequence]));

        Assert.Equal(2 * Toy.Config.Width, batched.Length);
        var second = batched.AsSpan(Toy.Config.Width);
        for (var i = 0; i < alone.Length; i++)
        {
            Assert.True(MathF.Abs(alone[i] - second[i]) < 1e-5f, $"dimension {i}: {alone[i]} vs {second[i]}");
        }

        Assert.NotEqual(alone, batched.AsSpan(0, Toy.Config.Width).ToArray());
    }
}
