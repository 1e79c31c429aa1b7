namespace Rlvr.Storage.Tests.Fixtures;

[CollectionDefinition(Name)]
public sealed class UsesAzurite : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
