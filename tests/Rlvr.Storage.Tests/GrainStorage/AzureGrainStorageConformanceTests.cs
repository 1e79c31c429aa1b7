using Rlvr.Storage.Tests.Fixtures;

namespace Rlvr.Storage.Tests.GrainStorage;

[Collection(UsesAzurite.Name)]
public sealed class AzureGrainStorageConformanceTests(AzuriteFixture azurite) : GrainStorageConformanceTests
{
    // Orleans' Azure Table storage splits a state over the properties of one entity, which holds at most 1 MB.
    protected override int LargeStateLength => 600_000;

    protected override Task<ProviderSilo> SiloAsync() => azurite.SiloAsync();
}
