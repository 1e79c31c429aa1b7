using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Rlvr.Runtime.Storage;
using Rlvr.Runtime.Storage.InMemory;
using Rlvr.Runtime.Storage.Postgres;
using Rlvr.Runtime.Storage.Sqlite;

namespace Rlvr.Runtime.Benchmarks;

public enum StorageProvider
{
    InMemory,
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
    private readonly GrainStateKey[] _keys = [.. Enumerable.Range(0, Grains).Select(i => new GrainStateKey(new GrainId("BenchGrain", $"grain-{i}"), "state"))];
    private readonly string?[] _eTags = new string?[Grains];
    private ServiceProvider? _services;
    private IGrainStorage _storage = null!;
    private StoragePostgresServer? _postgres;
    private string? _sqliteDirectory;

    [Params(StorageProvider.InMemory, StorageProvider.Sqlite, StorageProvider.Postgres)]
    public StorageProvider Provider { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var services = new ServiceCollection();
        switch (Provider)
        {
            case StorageProvider.InMemory:
                services.AddInMemoryGrainStorage("bench");
                break;
            case StorageProvider.Sqlite:
                _sqliteDirectory = Directory.CreateTempSubdirectory("rlvr-bench-sqlite-").FullName;
                services.AddSqliteGrainStorage("bench", o => o.DatabasePath = Path.Combine(_sqliteDirectory, "grains.db"));
                break;
            case StorageProvider.Postgres:
                _postgres = await StoragePostgresServer.CreateDatabaseAsync();
                services.AddPostgresGrainStorage("bench", o => o.ConnectionString = _postgres.ConnectionString);
                break;
        }

        _services = services.BuildServiceProvider();
        _storage = _services.GetRequiredKeyedService<IGrainStorage>("bench");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
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
