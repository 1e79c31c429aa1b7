using BenchmarkDotNet.Attributes;
using Rlvr.Benchmarks.Workload;
using Rlvr.Torch;

namespace Rlvr.Benchmarks;

/// <summary>
/// The default policy's GRPO train step and sampling through C# -> shim -> libtorch, at 1 and 2 threads.
/// bench/torch-vs-native.sh compares these with the same work driven from C++.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class TorchShimBenchmarks : IDisposable
{
    private Policy policy = null!;
    private TrainingBatch batch = null!;
    private TokenBatch prompts = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.SetThreads(Threads);
        policy = Policy.Create(PolicyConfig.Default, seed: 1);
        batch = TorchWorkload.TrainingBatch();
        prompts = TorchWorkload.PromptBatch();
    }

    /// <summary>One GRPO step over 128 sequences of 20 tokens (KL against the reference included).</summary>
    [Benchmark]
    public GrpoStats TrainStep() => policy.GrpoStep(batch, new GrpoOptions());

    /// <summary>128 completions of 12 tokens with the KV cache (1,536 tokens).</summary>
    [Benchmark]
    public SampleResult Sample() => policy.Sample(prompts, TorchWorkload.Sampling(TorchWorkload.ResponseLength, useKvCache: true));

    [GlobalCleanup]
    public void Dispose()
    {
        policy.Dispose();
        GC.SuppressFinalize(this);
    }
}
