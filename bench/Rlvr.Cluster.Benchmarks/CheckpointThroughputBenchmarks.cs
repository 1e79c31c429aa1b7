using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using Rlvr.Storage.Checkpoints;

namespace Rlvr.Cluster.Benchmarks;

/// <summary>
/// Checkpoint commit and restore of the default model's checkpoint (13 MB policy state: weights, KL reference, Adam
/// moments; 130 KB curriculum; a tiny campaign record) through the product's checkpoint stack on each store, against
/// a plain copy of the same blobs into the same medium: the baseline of each category, so Ratio is product / plain.
/// Commit writes the blobs at once, then the manifest, as CampaignGrain.Checkpoint does; it adds the SHA-256, the
/// store's own safety (temporary file and rename, upsert, conditional block upload) and the manifest. Restore is
/// LoadLatestAsync, which reads the manifest and every blob once and verifies each, as a campaign's restore does.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
// With an iteration cleanup BDN would run one invocation per iteration; a few more average out the timer and the noise.
[InvocationCount(8)]
public class CheckpointThroughputBenchmarks
{
    private const string CommitOwner = "bench-commit";
    private const string RestoreOwner = "bench-restore";
    private const string RestorePrefix = "restore";

    private static readonly (string Name, int Length)[] Blobs =
        [("policy", 13_000_000), ("curriculum", 130_000), ("campaign", 64)];

    private readonly byte[][] _data = [.. Blobs.Select(b => new byte[b.Length])];
    private readonly List<string> _plainPrefixesWritten = [];
    private ICheckpointMedium _medium = null!;
    private ServiceProvider _services = null!;
    private CheckpointRepository _repository = null!;
    private long _sequence;

    [Params(CheckpointStoreKind.Local, CheckpointStoreKind.Postgres, CheckpointStoreKind.AzureBlob)]
    public CheckpointStoreKind Store { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var random = new Random(7);
        foreach (var data in _data)
        {
            random.NextBytes(data);
        }

        _medium = Store switch
        {
            CheckpointStoreKind.Local => new LocalCheckpointMedium(),
            CheckpointStoreKind.Postgres => await PostgresCheckpointMedium.CreateAsync(),
            CheckpointStoreKind.AzureBlob => await AzuriteCheckpointMedium.CreateAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(Store), Store, null),
        };
        _services = _medium.AddCheckpointStore(new ServiceCollection()).BuildServiceProvider();
        _repository = _services.GetRequiredService<CheckpointRepository>();
        await CommitAsync(RestoreOwner, 1);
        await PlainWriteAsync(RestorePrefix);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services.DisposeAsync();
        await _medium.DisposeAsync();
    }

    /// <summary>Deletes what the iteration wrote, as retention would, so that stores do not grow across iterations.</summary>
    [IterationCleanup]
    public void DeleteWritten()
    {
        var retention = new CheckpointRetention(KeepLast: 1, KeepEvery: 0);
        _repository.ApplyRetentionAsync(CommitOwner, _sequence, retention).GetAwaiter().GetResult();
        var plainKeys = _plainPrefixesWritten.SelectMany(prefix => Blobs.Select(b => PlainKey(prefix, b.Name)));
        Task.WhenAll(plainKeys.Select(_medium.PlainDeleteAsync)).GetAwaiter().GetResult();
        _plainPrefixesWritten.Clear();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("commit")]
    public Task PlainWrite()
    {
        var prefix = (++_sequence).ToString(CultureInfo.InvariantCulture);
        _plainPrefixesWritten.Add(prefix);
        return PlainWriteAsync(prefix);
    }

    [Benchmark, BenchmarkCategory("commit")]
    public Task<CheckpointManifest> Commit() => CommitAsync(CommitOwner, ++_sequence);

    [Benchmark(Baseline = true), BenchmarkCategory("restore")]
    public async Task<int> PlainRead()
    {
        var blobs = await Task.WhenAll(Blobs.Select(b => _medium.PlainReadAsync(PlainKey(RestorePrefix, b.Name))));
        return blobs.Sum(b => b.Length);
    }

    [Benchmark, BenchmarkCategory("restore")]
    public async Task<int> Restore()
    {
        var loaded = await _repository.LoadLatestAsync(RestoreOwner)
            ?? throw new InvalidOperationException($"no usable checkpoint of '{RestoreOwner}'.");
        return loaded.Blobs.Values.Sum(b => b.Length);
    }

    private async Task<CheckpointManifest> CommitAsync(string owner, long sequence)
    {
        var blobs = await Task.WhenAll(Blobs.Select((b, i) => _repository.PutBlobAsync(owner, sequence, b.Name, _data[i])));
        return await _repository.CommitAsync(owner, sequence, blobs, new Dictionary<string, string>
        {
            ["step"] = sequence.ToString(CultureInfo.InvariantCulture),
            ["config_hash"] = "bench",
            ["weights_hash"] = "bench",
        });
    }

    private Task PlainWriteAsync(string prefix) =>
        Task.WhenAll(Blobs.Select((b, i) => _medium.PlainWriteAsync(PlainKey(prefix, b.Name), _data[i])));

    private static string PlainKey(string prefix, string name) => $"{prefix}-{name}";
}
