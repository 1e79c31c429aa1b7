using Rlvr.Storage.Tests.Fixtures;

namespace Rlvr.Storage.Tests.Reminders;

[Collection(UsesPostgresServer.Name)]
public sealed class PostgresReminderTableConformanceTests(PostgresServerFixture server) : ReminderTableConformanceTests
{
    protected override Task<ProviderSilo> SiloAsync() => server.SiloAsync();
}
