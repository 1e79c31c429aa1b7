using Rlvr.Storage.Tests.Fixtures;

namespace Rlvr.Storage.Tests.GrainStorage;

[Collection(UsesPostgresServer.Name)]
public sealed class PostgresGrainStorageConformanceTests(PostgresServerFixture server) : GrainStorageConformanceTests
{
    protected override Task<ProviderSilo> SiloAsync() => server.SiloAsync();
}
