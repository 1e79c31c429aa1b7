namespace Rlvr.Storage.Tests.Fixtures;

[CollectionDefinition(Name)]
public sealed class UsesSqliteSilo : ICollectionFixture<SqliteSiloFixture>
{
    public const string Name = "SQLite silo";
}
