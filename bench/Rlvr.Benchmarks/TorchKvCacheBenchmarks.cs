using BenchmarkDotNet.Attributes;
using Rlvr.Benchmarks.Workload;
using Rlvr.Torch;

namespace Rlvr.Benchmarks;

/// <summary>64 new tokens for 4 prompts x G = 8 with the KV cache against recomputing the prefix each token.</summary>
[ShortRunJob]
public class TorchKvCacheBenchmarks : IDisposable
{
    private const int NewTokens = 64;
    private Policy policy = null!;
    private TokenBatch prompts = null!;

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.SetThreads(TorchRuntime.DefaultThreads);
        policy = Policy.Create(PolicyConfig.Default, seed: 1);
        prompts = TorchWorkload.PromptBatch(count: 4);
    }

    [Benchmark(Baseline = true)]
    public SampleResult Recompute() => policy.Sample(prompts, TorchWorkload.Sampling(NewTokens, useKvCache: false));

    [Benchmark]
    public SampleResult KvCache() => policy.Sample(prompts, TorchWorkload.Sampling(NewTokens, useKvCache: true));

    [GlobalCleanup]
    public void Dispose()
    {
        policy.Dispose();
        GC.SuppressFinalize(this);
    }
}
