using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Providers;
using Rlvr.Storage.Checkpoints;
using Rlvr.Storage.Postgres;
using Rlvr.Storage.Resilience;
using Rlvr.Storage.Sqlite;
using Rlvr.Storage.Tests.Fixtures;
using Rlvr.TestKit;

namespace Rlvr.Storage.Tests.Startup;

/// <summary>A store that cannot be reached or refuses writes stops start-up with an error naming the backend and its setting.</summary>
public sealed class UnusableStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rlvr-unusable-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A path below a regular file: no directory can be created there, not even by root.</summary>
    private string PathBelowAFile(string name)
    {
        var file = Path.Combine(_directory, "a-file");
        File.WriteAllText(file, "not a directory");
        return Path.Combine(file, name);
    }

    private static StorageUnavailableException Find(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is StorageUnavailableException unavailable)
            {
                return unavailable;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Select(i => (Exception?)i).FirstOrDefault(i => i is StorageUnavailableException) is { } inner)
            {
                return (StorageUnavailableException)inner;
            }
        }

        throw new Xunit.Sdk.XunitException($"no StorageUnavailableException in: {error}");
    }

    [Fact]
    public async Task ASiloWhoseSqliteFileCannotBeCreatedDoesNotStart()
    {
        var path = PathBelowAFile("silo.db");

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var silo = await ProviderSilo.StartAsync(s => s.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, path));
        });

        var unavailable = Find(error);
        Assert.Equal("SQLite grain storage 'Default'", unavailable.Backend);
        Assert.Contains(path, unavailable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASqliteFileThatIsNotADatabaseIsRefusedByTheReminderTable()
    {
        var path = Path.Combine(_directory, "garbage.db");
        await File.WriteAllBytesAsync(path, [.. Enumerable.Repeat((byte)0x5A, 8192)]);

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            new SqliteReminderTable(new SqliteStorageOptions { DatabasePath = path }).StartAsync());

        Assert.Equal("SQLite reminder table", error.Backend);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.IsType<SqliteException>(error.InnerException);
    }

    [Fact]
    public async Task APostgresServerThatDoesNotAnswerIsNamedWithoutThePassword()
    {
        var port = FreePort.Next();
        var connectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Password=secret-password;Database=rlvr;Timeout=3";
        await using var storage = new PostgresGrainStorage("Default", new PostgresStorageOptions { ConnectionString = connectionString });

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.EnsureWritableAsync(CancellationToken.None));

        Assert.Equal("PostgreSQL grain storage 'Default'", error.Backend);
        Assert.Contains($"Port={port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<NpgsqlException>(error.InnerException);
    }

    [Fact]
    public async Task AnAzureBlobEndpointThatDoesNotAnswerStopsTheHost()
    {
        var port = FreePort.Next();
        var connectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAzureBlobCheckpointStore(connectionString, "unreachable");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => host.StartAsync());

        Assert.Equal("Azure Blob checkpoint store", error.Backend);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("'unreachable'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALocalCheckpointDirectoryThatCannotBeCreatedStopsTheHost()
    {
        var root = PathBelowAFile("checkpoints");
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddLocalCheckpointStore(root);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => host.StartAsync());

        Assert.Equal("local checkpoint directory", error.Backend);
        Assert.Contains(root, error.Message, StringComparison.Ordinal);
    }
}
