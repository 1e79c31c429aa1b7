using Rlvr.Torch;
using Rlvr.Training.Learning;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Tests.Learning;

public sealed class PolicyPromptEmbedderTests
{
    private static TaskPrompt Prompt(string text) => new(TaskPrompt.MakeId("addition/1", text), "addition/1", text, "0", "exact");

    [Fact]
    public void EmbedsEachPromptAsThePolicysPooledHiddenStateAndCachesIt()
    {
        using var embedder = new PolicyPromptEmbedder(Policy.Create(new PolicyConfig(CharTokenizer.VocabSize, 16, 1, 2, 32), seed: 3));
        var a = Prompt("100000+200000=");
        var b = Prompt("900000+900000=");

        var first = embedder.Embed([a, b, a]);
        var again = embedder.Embed([b]);

        Assert.All(first, e => Assert.Equal(16, e.Length));
        Assert.Equal(first[0], first[2]);
        Assert.NotEqual(first[0], first[1]);
        Assert.Same(first[1], again[0]);
    }
}
