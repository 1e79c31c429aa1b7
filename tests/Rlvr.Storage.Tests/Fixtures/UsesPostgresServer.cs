namespace Rlvr.Storage.Tests.Fixtures;

[CollectionDefinition(Name)]
public sealed class UsesPostgresServer : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "PostgreSQL test server";
}
