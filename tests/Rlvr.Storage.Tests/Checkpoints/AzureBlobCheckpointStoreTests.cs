using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rlvr.Storage.Azure;
using Rlvr.Storage.Checkpoints;
using Rlvr.Storage.Tests.Fixtures;

namespace Rlvr.Storage.Tests.Checkpoints;

/// <summary>What the Azure Blob store adds to the conformance suite: registration, block uploads, checksums on the blobs.</summary>
[Collection(UsesAzurite.Name)]
public sealed class AzureBlobCheckpointStoreTests(AzuriteFixture azurite)
{
    private const string ContainerName = "azure-blob-store-tests";

    private readonly string _owner = "owner-" + Guid.NewGuid().ToString("N");

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private BlobContainerClient Container() => new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(ContainerName);

    private BlobClient RawBlob(long sequence, string name) => Container().GetBlobClient($"{_owner}/{sequence:D12}/{name}");

    [Fact]
    public async Task TheRegisteredRepositoryCommitsAndLoadsThroughAzureBlob()
    {
        var policy = Bytes(1000, seed: 1);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAzureBlobCheckpointStore(azurite.ConnectionString, ContainerName);
        using var host = builder.Build();
        await host.StartAsync();

        Assert.IsType<ResilientCheckpointStore>(host.Services.GetRequiredService<ICheckpointStore>());
        var repository = host.Services.GetRequiredService<CheckpointRepository>();
        var blob = await repository.PutBlobAsync(_owner, 1, "policy", policy);
        await repository.CommitAsync(_owner, 1, [blob], new Dictionary<string, string> { ["step"] = "10" });
        await host.StopAsync();

        var latest = await new CheckpointRepository(new AzureBlobCheckpointStore(azurite.ConnectionString, ContainerName),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<CheckpointRepository>.Instance).LoadLatestAsync(_owner);
        Assert.Equal(1L, latest?.Manifest.Sequence);
        Assert.Equal(policy, (await RawBlob(1, "policy.blob").DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task ALargeBlobGoesUpInBlocksAndCarriesItsSha256()
    {
        var weights = Bytes(20 << 20, seed: 2);
        var store = new AzureBlobCheckpointStore(azurite.ConnectionString, ContainerName);

        await store.PutBlobAsync(_owner, 3, "policy", weights);

        var blocks = (await Container().GetBlockBlobClient($"{_owner}/{3:D12}/policy.blob").GetBlockListAsync(BlockListTypes.Committed)).Value.CommittedBlocks.ToList();
        Assert.True(blocks.Count >= 5, $"{blocks.Count} committed block(s)");
        var properties = (await RawBlob(3, "policy.blob").GetPropertiesAsync()).Value;
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(weights)), properties.Metadata["sha256"]);
        Assert.Equal(weights, await store.GetBlobAsync(_owner, 3, "policy"));
    }

    [Fact]
    public async Task ABlobAlteredBehindTheStoresBackIsReportedAsCorrupt()
    {
        var store = new AzureBlobCheckpointStore(azurite.ConnectionString, ContainerName);
        await store.PutBlobAsync(_owner, 4, "optimizer", Bytes(5000, seed: 3));
        var raw = RawBlob(4, "optimizer.blob");
        var metadata = (await raw.GetPropertiesAsync()).Value.Metadata;
        var altered = Bytes(5000, seed: 3);
        altered[100] ^= 1;
        await raw.UploadAsync(new BinaryData(altered), new BlobUploadOptions { Metadata = metadata });

        var error = await Assert.ThrowsAsync<CheckpointCorruptException>(() => store.GetBlobAsync(_owner, 4, "optimizer"));

        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
        Assert.Equal((_owner, 4L), (error.Owner, error.Sequence));
    }
}
