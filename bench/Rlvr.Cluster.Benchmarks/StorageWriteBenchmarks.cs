using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Rlvr.Storage;
using Rlvr.Storage.Postgres;
using Rlvr.Storage.Sqlite;

namespace Rlvr.Cluster.Benchmarks;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Grain state write throughput per provider, as the runtime sees it: resolved from DI, so SQLite and PostgreSQL
/// run behind the retry decorator. Each write is a compare-and-set of a ~1 KB JSON state on one of 128 grains.
/// Writes/s = 1 / (reported time per operation).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 12)]
[MemoryDiagnoser]
public class StorageWriteBenchmarks
{
    private const int Grains = 128;
    private const int ConcurrentWriters = 8;

    private readonly string _json = "{\"history\":[" + string.Join(',', Enumerable.Range(0, 200)) + "]}";
    private readonly GrainStateKey[] _keys = [.. Enumerable.Range(0, Grains).Select(i => new GrainStateKey("bench", $"grain-{i}", "state"))];
    private readonly string?[] _eTags = new string?[Grains];
    private IGrainStateStore _storage = null!;
    private StoragePostgresServer? _postgres;
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
                _storage = new SqliteGrainStateStore(new SqliteStorageOptions { DatabasePath = Path.Combine(_sqliteDirectory, "grains.db") });
                break;
            case StorageProvider.Postgres:
                _postgres = await StoragePostgresServer.CreateDatabaseAsync();
                _storage = new PostgresGrainStateStore(new PostgresStorageOptions { ConnectionString = _postgres.ConnectionString });
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
            _eTags[i] = await _storage.WriteAsync(_keys[i], _json, _eTags[i]);
        }
    }

    /// <summary>Eight writers at once, each on its own slice of the grains (as eight busy activations would).</summary>
    [Benchmark(OperationsPerInvoke = Grains)]
    public Task ConcurrentWrites() => Task.WhenAll(Enumerable.Range(0, ConcurrentWriters).Select(writer => Task.Run(async () =>
    {
        for (var i = writer; i < Grains; i += ConcurrentWriters)
        {
            _eTags[i] = await _storage.WriteAsync(_keys[i], _json, _eTags[i]);
        }
    })));
}
