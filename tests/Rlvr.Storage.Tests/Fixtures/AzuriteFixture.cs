using Rlvr.Storage.Azure;
using Rlvr.TestKit;

namespace Rlvr.Storage.Tests.Fixtures;

/// <summary>
/// The Azure Storage emulator for this test run: the Azurite that infra/setup.sh --with-azurite installs into
/// .tools/azurite (see <see cref="AzuriteServer"/>, from the test kit), for the whole test class. No Azurite means the Azure tests fail,
/// loudly; they are never skipped.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;
    private ProviderSilo? _silo;

    public string ConnectionString => _server?.ConnectionString ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync();

    /// <summary>A silo with the Azure grain storage (named "Default") and reminder table, started on first use.</summary>
    public async Task<ProviderSilo> SiloAsync() =>
        _silo ??= await ProviderSilo.StartAsync(silo => silo
            .AddAzureGrainStorage(Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, ConnectionString)
            .UseAzureReminderService(ConnectionString));

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
