namespace Rlvr.Torch.Tests;

/// <summary>A small model and batches that make the tests fast.</summary>
internal static class Toy
{
    public static PolicyConfig Config { get; } = new(VocabSize: 16, Width: 32, Layers: 2, Heads: 2, ContextLength: 32);

    public static Policy Create(ulong seed = 1) => Policy.Create(Config, seed: seed);

    public static TokenBatch Prompts() => TokenBatch.FromSequences([[0, 5, 6], [0, 7], [0, 8, 9, 10, 11]]);

    public static SampleOptions Sampling(ulong seed) => new()
    {
        CompletionsPerPrompt = 4,
        MaxNewTokens = 12,
        StopToken = 1,
        Seed = seed,
    };
}
