using Rlvr.Runtime.Reminders;
using Rlvr.Runtime.Storage;
using Rlvr.Runtime.Storage.Postgres;

namespace Rlvr.Runtime.Tests.Storage;

/// <summary>Runs on the test server's fresh per-run database; every open is a new provider with its own data source.</summary>
[Collection(UsesPostgresServer.Name)]
public sealed class PostgresStorageConformanceTests(PostgresServerFixture server) : StorageConformanceTests
{
    private PostgresStorageOptions Options => new() { ConnectionString = server.ConnectionString };

    protected override IGrainStorage OpenGrainStorage() => new PostgresGrainStorage(Options);

    protected override IReminderTable OpenReminderTable() => new PostgresReminderTable(Options);
}
