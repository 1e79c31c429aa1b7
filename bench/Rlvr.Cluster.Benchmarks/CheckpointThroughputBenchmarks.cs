using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Logging.Abstractions;
using Rlvr.Storage.Checkpoints;

namespace Rlvr.Cluster.Benchmarks;

/// <summary>
/// Checkpoint write and read against plain file I/O of the same bytes (the baseline of each category): a 13 MB blob,
/// the size of the default model's policy state (weights, KL reference, Adam moments). Writing adds the SHA-256, the
/// flush to the device and the manifest; reading adds the checksum check of every blob.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CheckpointThroughputBenchmarks
{
    private const int PolicyStateBytes = 13_000_000;
    private readonly byte[] _blob = new byte[PolicyStateBytes];
    private string _root = "";
    private CheckpointRepository _repository = null!;
    private long _sequence;

    [GlobalSetup]
    public void Setup()
    {
        new Random(7).NextBytes(_blob);
        _root = Path.Combine(Path.GetTempPath(), "rlvr-checkpoint-bench-" + Guid.NewGuid().ToString("N"));
        _repository = new CheckpointRepository(new LocalCheckpointStore(_root), NullLogger<CheckpointRepository>.Instance);
        Directory.CreateDirectory(_root);
        File.WriteAllBytes(Path.Combine(_root, "plain.bin"), _blob);
        _repository.PutBlobAsync("bench", 0, "policy", _blob).GetAwaiter().GetResult();
        _repository.CommitAsync("bench", 0, [new CheckpointBlob("policy", _blob.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(_blob)))],
            new Dictionary<string, string>()).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Baseline = true), BenchmarkCategory("write")]
    public void PlainFileWrite() => File.WriteAllBytes(Path.Combine(_root, "plain-write.bin"), _blob);

    [Benchmark, BenchmarkCategory("write")]
    public async Task CheckpointCommit()
    {
        var sequence = 1 + (_sequence++ % 2);
        var blob = await _repository.PutBlobAsync("bench", sequence, "policy", _blob);
        await _repository.CommitAsync("bench", sequence, [blob], new Dictionary<string, string>());
    }

    [Benchmark(Baseline = true), BenchmarkCategory("read")]
    public byte[] PlainFileRead() => File.ReadAllBytes(Path.Combine(_root, "plain.bin"));

    [Benchmark, BenchmarkCategory("read")]
    public async Task<byte[]> CheckpointOpenAndRead()
    {
        var manifest = await _repository.OpenAsync("bench", 0);
        return await _repository.ReadBlobAsync(manifest, "policy");
    }
}
