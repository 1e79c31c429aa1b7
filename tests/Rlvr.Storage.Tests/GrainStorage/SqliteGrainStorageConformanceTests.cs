using Rlvr.Storage.Tests.Fixtures;

namespace Rlvr.Storage.Tests.GrainStorage;

[Collection(UsesSqliteSilo.Name)]
public sealed class SqliteGrainStorageConformanceTests(SqliteSiloFixture fixture) : GrainStorageConformanceTests
{
    protected override Task<ProviderSilo> SiloAsync() => fixture.SiloAsync();
}
