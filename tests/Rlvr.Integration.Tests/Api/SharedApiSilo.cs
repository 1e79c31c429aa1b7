namespace Rlvr.Integration.Tests.Api;

/// <summary>The test classes that share <see cref="ApiSiloFixture"/>'s silo (they run one after the other).</summary>
[CollectionDefinition(Name)]
public sealed class SharedApiSilo : ICollectionFixture<ApiSiloFixture>
{
    public const string Name = "API silo";
}
