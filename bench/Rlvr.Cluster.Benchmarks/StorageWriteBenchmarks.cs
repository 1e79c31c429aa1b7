using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Orleans.Storage;
using Rlvr.Storage.Postgres;
using Rlvr.Storage.Sqlite;
using Rlvr.TestKit;

namespace Rlvr.Cluster.Benchmarks;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Grain state write throughput per Orleans provider (without the retry decorator). Each write is a compare-and-set
/// of a ~1 KB JSON state on one of 128 grains.
/// Writes/s = 1 / (reported time per operation).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 12)]
[MemoryDiagnoser]
public class StorageWriteBenchmarks
{
    private const int Grains = 128;
    private const int ConcurrentWriters = 8;

    private readonly GrainId[] _grains = [.. Enumerable.Range(0, Grains).Select(i => GrainId.Create("bench", $"grain-{i}"))];
    private readonly GrainState<BenchState>[] _states =
        [.. Enumerable.Range(0, Grains).Select(_ => new GrainState<BenchState>(new BenchState { History = [.. Enumerable.Range(0, 200)] }))];
    private IGrainStorage _storage = null!;
    private PostgresTestDatabase? _postgres;
    private string? _sqliteDirectory;

    [Params(StorageProvider.Sqlite, StorageProvider.Postgres)]
    public StorageProvider Provider { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        switch (Provider)
        {
            case StorageProvider.Sqlite:
                _sqliteDirectory = Directory.CreateTempSubdirectory("rlvr-bench-sqlite-").FullName;
                _storage = new SqliteGrainStorage("bench", new SqliteStorageOptions { DatabasePath = Path.Combine(_sqliteDirectory, "grains.db") });
                break;
            case StorageProvider.Postgres:
                _postgres = await PostgresTestDatabase.CreateAsync("RLVR_BENCH_POSTGRES", "rlvr_bench_");
                _storage = new PostgresGrainStorage("bench", new PostgresStorageOptions { ConnectionString = _postgres.ConnectionString });
                break;
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_storage is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_sqliteDirectory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_sqliteDirectory, recursive: true);
        }
    }

    /// <summary>One writer updating the grains one after another.</summary>
    [Benchmark(OperationsPerInvoke = Grains)]
    public async Task SequentialWrites()
    {
        for (var i = 0; i < Grains; i++)
        {
            await _storage.WriteStateAsync("state", _grains[i], _states[i]);
        }
    }

    /// <summary>Eight writers at once, each on its own slice of the grains (as eight busy activations would).</summary>
    [Benchmark(OperationsPerInvoke = Grains)]
    public Task ConcurrentWrites() => Task.WhenAll(Enumerable.Range(0, ConcurrentWriters).Select(writer => Task.Run(async () =>
    {
        for (var i = writer; i < Grains; i += ConcurrentWriters)
        {
            await _storage.WriteStateAsync("state", _grains[i], _states[i]);
        }
    })));
}

/// <summary>The benchmark's grain state: about 1 KB of JSON.</summary>
public sealed class BenchState
{
    public List<int> History { get; set; } = [];
}
