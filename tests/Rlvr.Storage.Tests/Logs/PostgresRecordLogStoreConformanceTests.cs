using Rlvr.Storage.Logs;
using Rlvr.Storage.Tests.Fixtures;

namespace Rlvr.Storage.Tests.Logs;

/// <summary>Runs on the test server's fresh per-run database; every open is a new store with its own data source.</summary>
[Collection(UsesPostgresServer.Name)]
public sealed class PostgresRecordLogStoreConformanceTests(PostgresServerFixture server) : RecordLogStoreConformanceTests
{
    protected override IRecordLogStore OpenStore() => new PostgresRecordLogStore(server.ConnectionString, "conformance");
}
