using Microsoft.Data.Sqlite;
using Orleans.Providers;
using Rlvr.Storage.Sqlite;

namespace Rlvr.Storage.Tests.Fixtures;

/// <summary>A silo with the SQLite grain storage (named "Default") and reminder table in one file of a temporary directory.</summary>
public sealed class SqliteSiloFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rlvr-sqlite-silo-").FullName;
    private ProviderSilo? _silo;

    public string DatabasePath => Path.Combine(_directory, "silo.db");

    public async Task<ProviderSilo> SiloAsync() =>
        _silo ??= await ProviderSilo.StartAsync(silo => silo
            .AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, DatabasePath)
            .UseSqliteReminderService(DatabasePath));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
