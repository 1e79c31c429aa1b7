using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Rlvr.Runtime.Reminders;
using Rlvr.Runtime.Storage;
using Rlvr.Runtime.Storage.InMemory;
using Rlvr.Runtime.Storage.Postgres;
using Rlvr.Runtime.Storage.Resilience;
using Rlvr.Runtime.Storage.Sqlite;

namespace Rlvr.Runtime.Tests.Storage;

[Collection(UsesPostgresServer.Name)]
public sealed class StorageRegistrationTests(PostgresServerFixture server) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rlvr-sqlite-di-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task EachNamedProviderIsItsOwnKeyedSingletonAndDurableOnesAreDecorated()
    {
        var database = Path.Combine(_directory, "grains.db");
        await using var services = new ServiceCollection()
            .AddInMemoryGrainStorage("memory")
            .AddSqliteGrainStorage("sqlite", o => o.DatabasePath = database)
            .AddPostgresGrainStorage("postgres", o => o.ConnectionString = server.ConnectionString)
            .BuildServiceProvider();

        Assert.IsType<InMemoryGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>("memory"));
        Assert.IsType<ResilientGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>("sqlite"));
        Assert.IsType<ResilientGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>("postgres"));
        var key = new GrainStateKey(new GrainId("RegistrationGrain", Guid.NewGuid().ToString("N")), "state");
        foreach (var name in new[] { "memory", "sqlite", "postgres" })
        {
            var storage = services.GetRequiredKeyedService<IGrainStorage>(name);
            Assert.Same(storage, services.GetRequiredKeyedService<IGrainStorage>(name));
            var eTag = await storage.WriteAsync(key, $"\"{name}\"", null);
            Assert.Equal(new GrainStateRecord($"\"{name}\"", eTag), await storage.ReadAsync(key));
        }

        Assert.True(File.Exists(database));
    }

    [Fact]
    public async Task OptionsBindFromConfiguration()
    {
        var database = Path.Combine(_directory, "configured.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reminders:DatabasePath"] = database,
            ["Reminders:BusyTimeout"] = "00:00:02",
            ["Reminders:Retry:MaxRetryAttempts"] = "2",
        }).Build();
        await using var services = new ServiceCollection()
            .AddSqliteReminderTable(o => configuration.GetSection("Reminders").Bind(o))
            .BuildServiceProvider();

        var table = services.GetRequiredService<IReminderTable>();
        Assert.IsType<ResilientReminderTable>(table);
        await table.UpsertAsync(new ReminderEntry(new GrainId("CampaignGrain", "c"), "step", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1)));
        Assert.True(File.Exists(database));
    }

    [Fact]
    public async Task PostgresReminderTableIsRegistered()
    {
        await using var services = new ServiceCollection()
            .AddPostgresReminderTable(o => o.ConnectionString = server.ConnectionString)
            .BuildServiceProvider();
        var table = services.GetRequiredService<IReminderTable>();
        var grain = new GrainId("RegistrationGrain", Guid.NewGuid().ToString("N"));
        var eTag = await table.UpsertAsync(new ReminderEntry(grain, "tick", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1)));
        Assert.Equal(eTag, (await table.ReadAsync(grain, "tick"))!.ETag);
    }

    [Fact]
    public void MissingRequiredOptionsNameTheField()
    {
        using var services = new ServiceCollection()
            .AddSqliteGrainStorage("sqlite", _ => { })
            .AddPostgresGrainStorage("postgres", _ => { })
            .BuildServiceProvider();

        var sqlite = Assert.Throws<ArgumentException>(() => services.GetRequiredKeyedService<IGrainStorage>("sqlite"));
        Assert.Contains("SqliteStorageOptions.DatabasePath", sqlite.Message, StringComparison.Ordinal);
        var postgres = Assert.Throws<ArgumentException>(() => services.GetRequiredKeyedService<IGrainStorage>("postgres"));
        Assert.Contains("PostgresStorageOptions.ConnectionString", postgres.Message, StringComparison.Ordinal);
    }
}
