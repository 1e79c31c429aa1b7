using Rlvr.Storage.Tests.Fixtures;

namespace Rlvr.Storage.Tests.Reminders;

[Collection(UsesSqliteSilo.Name)]
public sealed class SqliteReminderTableConformanceTests(SqliteSiloFixture fixture) : ReminderTableConformanceTests
{
    protected override Task<ProviderSilo> SiloAsync() => fixture.SiloAsync();
}
