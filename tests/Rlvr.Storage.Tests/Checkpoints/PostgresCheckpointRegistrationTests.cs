using Microsoft.Extensions.DependencyInjection;
using Rlvr.Storage.Checkpoints;
using Rlvr.Storage.Tests.Fixtures;

namespace Rlvr.Storage.Tests.Checkpoints;

/// <summary>The silo's registration: a repository over the PostgreSQL store, behind retries.</summary>
[Collection(UsesPostgresServer.Name)]
public sealed class PostgresCheckpointRegistrationTests(PostgresServerFixture server)
{
    [Fact]
    public async Task TheRegisteredRepositoryCommitsAndLoadsThroughPostgres()
    {
        var owner = "registration-" + Guid.NewGuid().ToString("N");
        var policy = "weights"u8.ToArray();
        var services = new ServiceCollection().AddPostgresCheckpointStore(server.ConnectionString);
        await using (var provider = services.BuildServiceProvider())
        {
            Assert.IsType<ResilientCheckpointStore>(provider.GetRequiredService<ICheckpointStore>());
            var repository = provider.GetRequiredService<CheckpointRepository>();
            var blob = await repository.PutBlobAsync(owner, 1, "policy", policy);
            await repository.CommitAsync(owner, 1, [blob], new Dictionary<string, string>());
        }

        await using var direct = new PostgresCheckpointStore(server.ConnectionString);
        Assert.Equal(policy, await direct.GetBlobAsync(owner, 1, "policy"));
        Assert.NotNull(await direct.GetManifestAsync(owner, 1));
    }
}
