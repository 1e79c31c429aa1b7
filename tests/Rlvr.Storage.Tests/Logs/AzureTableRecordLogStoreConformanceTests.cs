using Rlvr.Storage.Logs;
using Rlvr.Storage.Tests.Fixtures;

namespace Rlvr.Storage.Tests.Logs;

/// <summary>Runs on the test run's Azurite; every open is a new store over the same table.</summary>
[Collection(UsesAzurite.Name)]
public sealed class AzureTableRecordLogStoreConformanceTests(AzuriteFixture azurite) : RecordLogStoreConformanceTests
{
    protected override IRecordLogStore OpenStore() => new AzureTableRecordLogStore(azurite.ConnectionString, "conformance", "conformancelogs");
}
