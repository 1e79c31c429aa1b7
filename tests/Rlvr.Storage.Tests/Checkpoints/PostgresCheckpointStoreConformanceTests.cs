using Rlvr.Storage.Checkpoints;
using Rlvr.Storage.Tests.Fixtures;

namespace Rlvr.Storage.Tests.Checkpoints;

/// <summary>Runs on the test server's fresh per-run database; every open is a new store with its own data source.</summary>
[Collection(UsesPostgresServer.Name)]
public sealed class PostgresCheckpointStoreConformanceTests(PostgresServerFixture server) : CheckpointStoreConformanceTests
{
    protected override ICheckpointStore OpenStore() => new PostgresCheckpointStore(server.ConnectionString);
}
