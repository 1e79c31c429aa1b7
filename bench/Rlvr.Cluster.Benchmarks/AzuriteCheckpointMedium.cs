using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.DependencyInjection;
using Rlvr.Storage.Checkpoints;
using Rlvr.TestKit;

namespace Rlvr.Cluster.Benchmarks;

/// <summary>
/// Azure Blob storage on an Azurite of its own; the plain copy is one BlockBlobClient upload or download per key, in a
/// container of its own.
/// </summary>
internal sealed class AzuriteCheckpointMedium : ICheckpointMedium
{
    private readonly AzuriteServer _server;
    private readonly BlobContainerClient _plain;

    private AzuriteCheckpointMedium(AzuriteServer server)
    {
        _server = server;
        _plain = new BlobServiceClient(server.ConnectionString).GetBlobContainerClient("plain-copy");
    }

    public static async Task<AzuriteCheckpointMedium> CreateAsync()
    {
        var medium = new AzuriteCheckpointMedium(await AzuriteServer.StartAsync());
        await medium._plain.CreateAsync();
        return medium;
    }

    public IServiceCollection AddCheckpointStore(IServiceCollection services) =>
        services.AddAzureBlobCheckpointStore(_server.ConnectionString);

    public async Task PlainWriteAsync(string key, ReadOnlyMemory<byte> data)
    {
        using var content = new BinaryData(data).ToStream();
        await _plain.GetBlockBlobClient(key).UploadAsync(content);
    }

    public async Task<byte[]> PlainReadAsync(string key) =>
        (await _plain.GetBlockBlobClient(key).DownloadContentAsync()).Value.Content.ToArray();

    public Task PlainDeleteAsync(string key) => _plain.DeleteBlobAsync(key);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
