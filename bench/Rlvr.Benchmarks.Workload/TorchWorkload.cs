using Rlvr.Torch;

namespace Rlvr.Benchmarks.Workload;

/// <summary>
/// The fixed learner workload of the benchmarks and the GPU check (infra/gpu/Rlvr.Gpu.Check), shared with
/// bench/native/torch_driver.cpp (keep the two in step): the default policy (seed 1), 16 prompts of 8 tokens x G = 8
/// completions of 12 tokens, advantages alternating +1/-1.
/// </summary>
public static class TorchWorkload
{
    public const int Prompts = 16;
    public const int Group = 8;
    public const int PromptLength = 8;
    public const int ResponseLength = 12;

    public static int Token(int row, int position) => 3 + (((row * 31) + (position * 7)) % 95);

    public static TokenBatch PromptBatch(int count = Prompts) => TokenBatch.FromSequences(
        Enumerable.Range(0, count).Select(p => Enumerable.Range(0, PromptLength).Select(t => Token(p, t)).ToArray()).ToArray());

    public static TrainingBatch TrainingBatch()
    {
        const int rows = Prompts * Group;
        const int length = PromptLength + ResponseLength;
        var sequences = TokenBatch.FromSequences(
            Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, length).Select(t => Token(r, t)).ToArray()).ToArray());
        var mask = Enumerable.Range(0, rows * length).Select(i => i % length >= PromptLength).ToArray();
        var advantages = Enumerable.Range(0, rows).Select(r => r % 2 == 0 ? 1f : -1f).ToArray();
        return new TrainingBatch(sequences, mask, advantages);
    }

    public static SampleOptions Sampling(int maxNewTokens, bool useKvCache) => new()
    {
        CompletionsPerPrompt = Group,
        MaxNewTokens = maxNewTokens,
        StopToken = -1,
        Seed = 1,
        UseKvCache = useKvCache,
    };
}
