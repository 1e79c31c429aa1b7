using Rlvr.Storage.Tests.Fixtures;

namespace Rlvr.Storage.Tests.Reminders;

[Collection(UsesAzurite.Name)]
public sealed class AzureReminderTableConformanceTests(AzuriteFixture azurite) : ReminderTableConformanceTests
{
    protected override Task<ProviderSilo> SiloAsync() => azurite.SiloAsync();
}
