using Rlvr.Storage.Postgres;
using Rlvr.TestKit;

namespace Rlvr.Storage.Tests.Fixtures;

/// <summary>
/// A fresh database on a real PostgreSQL server for this test run (see <see cref="PostgresTestDatabase"/>): the server named
/// by RLVR_TEST_POSTGRES (a connection string), or else a throwaway one of this test run's own, stopped and deleted at
/// the end. No server means the PostgreSQL tests fail, loudly.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private PostgresTestDatabase? _database;
    private ProviderSilo? _silo;

    public string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("PostgreSQL has not started.");

    public async Task InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync("RLVR_TEST_POSTGRES", "rlvr_test_");

    /// <summary>A silo with the PostgreSQL grain storage (named "Default") and reminder table, started on first use.</summary>
    public async Task<ProviderSilo> SiloAsync() =>
        _silo ??= await ProviderSilo.StartAsync(silo => silo
            .AddPostgresGrainStorage(Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, ConnectionString)
            .UsePostgresReminderService(ConnectionString));

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
