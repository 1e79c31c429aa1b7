using Rlvr.Storage.Azure;
using Rlvr.Storage.Checkpoints;
using Rlvr.Storage.Tests.Fixtures;

namespace Rlvr.Storage.Tests.Checkpoints;

/// <summary>Runs on the test run's Azurite; every open is a new store over the same container.</summary>
[Collection(UsesAzurite.Name)]
public sealed class AzureBlobCheckpointStoreConformanceTests(AzuriteFixture azurite) : CheckpointStoreConformanceTests
{
    protected override ICheckpointStore OpenStore() => new AzureBlobCheckpointStore(azurite.ConnectionString, "conformance");
}
